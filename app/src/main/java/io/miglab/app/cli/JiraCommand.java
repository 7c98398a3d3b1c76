package io.miglab.app.cli;

import io.miglab.core.MigLabException;
import io.miglab.core.report.jira.JiraClient;
import io.miglab.core.report.jira.JiraCredentials;
import io.miglab.core.report.jira.JiraFlavour;
import io.miglab.core.report.jira.JiraIssueDraft;
import io.miglab.core.report.jira.JiraPush;
import io.miglab.core.report.jira.JiraSite;
import io.miglab.core.report.jira.SecretStore;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code miglab jira}: experiments as Jira issues, dry run first. */
@Command(
        name = "jira",
        description = "Jira: send experiments to an issue (dry run unless --execute), check the credentials.",
        subcommands = {JiraCommand.Push.class, JiraCommand.Loop.class, JiraCommand.Check.class})
final class JiraCommand implements Callable<Integer> {
    static final String URL_ENV = "MIGLAB_JIRA_URL";

    @ParentCommand
    MigLabCommand root;

    @Override
    public Integer call() {
        throw new picocli.CommandLine.ParameterException(
                new picocli.CommandLine(this), "Choose a jira command: push, check.");
    }

    /** Where Jira is: a mixin shared by push and check. */
    static final class SiteOptions {
        @Option(
                names = "--url",
                paramLabel = "URL",
                description = "The Jira base URL, https://your-site.atlassian.net or your Data Center address"
                        + " (default: $" + URL_ENV + ").")
        String url;

        @Option(
                names = "--flavour",
                paramLabel = "F",
                description = "cloud (REST v3, Atlassian Document, email + API token) or dc (Data Center: REST v2,"
                        + " wiki markup, personal access token). Default: cloud for *.atlassian.net, else dc.")
        String flavour;

        @Option(
                names = "--epic-link-field",
                paramLabel = "ID",
                description = "Data Center: the Epic Link custom field id (customfield_NNNNN); without it issues are"
                        + " filed under the epic through the Agile REST API.")
        String epicLinkField;

        JiraSite site(CliContext c) {
            var base = JiraSite.baseUrl(url != null ? url : c.env().get(URL_ENV));
            JiraFlavour f = flavour != null ? JiraFlavour.parse(flavour) : JiraFlavour.guess(base);
            return new JiraSite(base, f, epicLinkField, null);
        }
    }

    /** {@code miglab jira push EXP... --issue KEY | --project KEY [--execute]}. */
    @Command(
            name = "push",
            description = "Send experiments to Jira: a new issue in --project, or a comment and attachments on"
                    + " --issue. Shows what would be sent unless --execute.")
    static final class Push implements Callable<Integer> {
        @ParentCommand
        JiraCommand jira;

        @Parameters(paramLabel = "EXP", arity = "1..*", description = "Experiment ids.")
        List<Long> experiments;

        @ArgGroup(multiplicity = "1")
        Where where;

        static final class Where {
            @Option(names = "--issue", paramLabel = "KEY", required = true, description = "Add to this issue.")
            String issue;

            @Option(
                    names = "--project",
                    paramLabel = "KEY",
                    required = true,
                    description = "Create an issue in this project.")
            String project;
        }

        @Mixin
        SiteOptions siteOptions;

        @Option(names = "--epic", paramLabel = "KEY", description = "With --project: file the issue under this epic.")
        String epic;

        @Option(names = "--issue-type", paramLabel = "T", defaultValue = "Task", description = "Default: Task.")
        String issueType;

        @Option(names = "--execute", description = "Send it; without this, only show what would be sent.")
        boolean execute;

        @Override
        public Integer call() {
            CliContext c = jira.root.context();
            JiraSite site = siteOptions.site(c);
            if (epic != null && where.issue != null) {
                throw new MigLabException("--epic goes with --project: an existing issue keeps its epic.");
            }
            JiraIssueDraft draft = draft(c, experiments, issueType, epic);
            JiraPush.Request request = where.issue != null
                    ? JiraPush.Request.onIssue(where.issue, draft)
                    : JiraPush.Request.inProject(where.project, List.of(draft));
            return send(c, site, request, execute);
        }
    }

    /**
     * {@code miglab jira loop}: the migration-job tuning loop as an epic with one ticket per step, each step's
     * experiments reported and attached.
     */
    @Command(
            name = "loop",
            description = "File the tuning loop of a migration Job: an epic and one ticket per step (prepare, requests,"
                    + " loader, resources, loaders, final), each with its experiments' report and evidence, labelled"
                    + " migration, performance, k8s, postgres. Shows what would be sent unless --execute.")
    static final class Loop implements Callable<Integer> {
        @ParentCommand
        JiraCommand jira;

        @Option(names = "--project", required = true, paramLabel = "KEY", description = "The Jira project.")
        String project;

        @Option(names = "--job", required = true, paramLabel = "NAME", description = "The migration Job's name.")
        String job;

        @Option(
                names = "--step",
                required = true,
                paramLabel = "STEP=EXP[,EXP]",
                description = "A step and its experiments (repeatable): prepare, requests, loader, resources,"
                        + " loaders, final.")
        Map<String, String> steps = new LinkedHashMap<>();

        @Option(
                names = "--note",
                paramLabel = "STEP=TEXT",
                description = "What the step found, in a sentence (default: the report's summary).")
        Map<String, String> notes = new LinkedHashMap<>();

        @Option(names = "--rollback", paramLabel = "TEXT", description = "The rollback plan (with final).")
        String rollback;

        @Option(names = "--monitoring", paramLabel = "TEXT", description = "The monitoring plan (with final).")
        String monitoring;

        @Mixin
        SiteOptions siteOptions;

        @Option(names = "--execute", description = "Send it; without this, only show what would be sent.")
        boolean execute;

        static final Map<String, io.miglab.core.report.jira.TuningStep> STEPS = Map.of(
                "prepare", io.miglab.core.report.jira.TuningStep.PREPARE_AND_BASELINE,
                "requests", io.miglab.core.report.jira.TuningStep.REQUESTS_AND_LIMITS,
                "loader", io.miglab.core.report.jira.TuningStep.LOADER_TWEAKS,
                "resources", io.miglab.core.report.jira.TuningStep.MORE_RESOURCES,
                "loaders", io.miglab.core.report.jira.TuningStep.OTHER_LOADERS,
                "final", io.miglab.core.report.jira.TuningStep.FINAL_CONFIGURATION);

        @Override
        public Integer call() {
            CliContext c = jira.root.context();
            JiraSite site = siteOptions.site(c);
            io.miglab.core.report.jira.TuningLoopTickets tickets =
                    io.miglab.core.report.jira.TuningLoopTickets.forJob(job);
            for (String name : notes.keySet()) {
                if (!steps.containsKey(name)) {
                    throw new MigLabException("--note " + name + " names no --step.");
                }
            }
            for (Map.Entry<String, String> e : steps.entrySet()) {
                io.miglab.core.report.jira.TuningStep step =
                        STEPS.get(e.getKey().strip());
                if (step == null) {
                    throw new MigLabException("--step " + e.getKey() + ": the steps are prepare, requests, loader,"
                            + " resources, loaders, final.");
                }
                List<Long> ids = ids(e.getValue(), "--step " + e.getKey());
                io.miglab.core.report.jira.ReportDrafts.Built built =
                        io.miglab.core.report.jira.ReportDrafts.forExperiments(
                                c.workspace().reports(), ids, "Task", null);
                io.miglab.core.report.Report report = built.report();
                List<io.miglab.core.report.jira.JiraAttachment> files =
                        built.draft().attachments();
                String note = notes.getOrDefault(e.getKey(), report.summary());
                tickets.step(new io.miglab.core.report.jira.TuningLoopTickets.StepFinding(
                        step, report.title(), note, files, report));
            }
            if (rollback != null) {
                tickets.rollbackPlan(rollback);
            }
            if (monitoring != null) {
                tickets.monitoringPlan(monitoring);
            }
            return send(c, site, tickets.build().request(project), execute);
        }
    }

    /** "3,5, 6" as experiment ids; anything else is one line naming the option. */
    static List<Long> ids(String text, String option) {
        List<Long> ids = new java.util.ArrayList<>();
        for (String part : text.split(",")) {
            try {
                long id = Long.parseLong(part.strip());
                if (id <= 0) {
                    throw new NumberFormatException();
                }
                ids.add(id);
            } catch (NumberFormatException e) {
                throw new MigLabException(option + ": '" + part.strip() + "' is not an experiment id.");
            }
        }
        return ids;
    }

    /** Shows what would be sent (a dry run), or sends it and prints each issue's key and address. */
    static int send(CliContext c, JiraSite site, JiraPush.Request request, boolean execute) {
        if (!execute) {
            JiraPush.Plan plan = JiraPush.plan(site, request);
            String credentials = credentialsNote(site, c);
            if (c.json()) {
                Map<String, Object> out = new LinkedHashMap<>();
                out.put("dryRun", true);
                out.put("plan", plan);
                out.put("credentials", credentials);
                c.printJson(out);
            } else {
                c.out().print(plan.text());
                c.out().println("Credentials: " + credentials);
            }
            return Cli.OK;
        }
        JiraPush.Result result =
                JiraPush.send(site, request, c.env()::get, SecretStore.forThisOs(), c.progressOnStderr());
        if (c.json()) {
            c.printJson(result);
        } else {
            for (JiraPush.PushedIssue i : result.issues()) {
                c.out()
                        .println((i.created() ? "Created " : "Updated ") + i.key() + " " + i.browseUrl() + " ("
                                + i.files().size() + (i.files().size() == 1 ? " file" : " files")
                                + " attached)");
            }
        }
        return Cli.OK;
    }

    /** {@code miglab jira check}: GET /myself with the credentials. */
    @Command(
            name = "check",
            description =
                    "Sign in to Jira with the token from the environment or the OS secret store" + " and say as whom.")
    static final class Check implements Callable<Integer> {
        @ParentCommand
        JiraCommand jira;

        @Mixin
        SiteOptions siteOptions;

        @Override
        public Integer call() {
            CliContext c = jira.root.context();
            JiraSite site = siteOptions.site(c);
            JiraCredentials credentials = credentials(site, c);
            JiraClient.Myself me = new JiraClient(site, credentials, Duration.ofSeconds(30)).myself();
            if (c.json()) {
                c.printJson(Map.of(
                        "url", site.baseUrl().toString(),
                        "flavour", site.flavour().id(),
                        "displayName", me.displayName(),
                        "account", me.account(),
                        "credentials", credentials.source()));
            } else {
                c.out()
                        .println("Signed in to " + site.baseUrl() + " ("
                                + site.flavour().describe() + ") as "
                                + me.displayName() + (me.account().isEmpty() ? "" : " <" + me.account() + ">")
                                + " with the token from " + credentials.source() + ".");
            }
            return Cli.OK;
        }
    }

    static JiraCredentials credentials(JiraSite site, CliContext c) {
        return JiraCredentials.resolve(site, c.env()::get, SecretStore.forThisOs());
    }

    /** Whether --execute would find credentials, said without showing them. */
    static String credentialsNote(JiraSite site, CliContext c) {
        try {
            return "a token from " + credentials(site, c).source() + " would be used.";
        } catch (MigLabException e) {
            return "none found yet. " + e.getMessage();
        }
    }

    /** The experiments' report as the issue: wiki markup and ADF from the one model, its files as attachments. */
    static JiraIssueDraft draft(CliContext c, List<Long> ids, String issueType, String epic) {
        return io.miglab.core.report.jira.ReportDrafts.forExperiments(
                        c.workspace().reports(), ids, issueType, epic)
                .draft();
    }

    private static String format(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? String.valueOf((long) v) : String.valueOf(v);
    }
}
