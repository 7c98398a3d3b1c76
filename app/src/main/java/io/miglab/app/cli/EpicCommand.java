package io.miglab.app.cli;

import io.miglab.core.MigLabException;
import io.miglab.core.TextFiles;
import io.miglab.core.goals.MigrationGoals;
import io.miglab.core.ledger.Experiment;
import io.miglab.core.report.epic.Criterion;
import io.miglab.core.report.epic.Epic;
import io.miglab.core.report.epic.EpicDashboard;
import io.miglab.core.report.epic.EpicEvidence;
import io.miglab.core.report.epic.EpicExport;
import io.miglab.core.report.epic.EpicMarkdown;
import io.miglab.core.report.epic.Evidence;
import io.miglab.core.report.epic.Phase;
import io.miglab.core.report.epic.Status;
import io.miglab.core.report.epic.Story;
import io.miglab.core.report.epic.Subtask;
import io.miglab.playbooks.ShippedPlaybooks;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code miglab epic ...}: the migration epic in the Markdown layout spectryn syncs to Jira. */
@Command(
        name = "epic",
        description = "The migration epic as Markdown in spectryn's layout: export the lab's work, import an epic,"
                + " show its phase dashboard, attach lab evidence to a story.",
        subcommands = {
            EpicCommand.Export.class,
            EpicCommand.Import.class,
            EpicCommand.StatusOf.class,
            EpicCommand.Attach.class
        })
final class EpicCommand {
    @ParentCommand
    MigLabCommand root;

    abstract static class Sub implements java.util.concurrent.Callable<Integer> {
        @ParentCommand
        EpicCommand parent;

        @Parameters(index = "0", paramLabel = "FILE", description = "The epic's Markdown file.")
        Path file;

        CliContext context() {
            return parent.root.context();
        }

        Epic read() {
            if (!Files.isRegularFile(file)) {
                throw new MigLabException("There is no epic file " + file + ".");
            }
            String text = TextFiles.read(file, TextFiles.DEFAULT_MAX_BYTES, "The epic file " + file);
            try {
                return EpicMarkdown.read(text);
            } catch (MigLabException e) {
                throw new MigLabException(file + ", " + e.getMessage(), e);
            }
        }
    }

    @Command(name = "export", description = "Write the lab's experiments as a migration epic to FILE.")
    static final class Export extends Sub {
        @Option(names = "--force", description = "Overwrite FILE when it exists.")
        boolean force;

        @Option(
                names = "--key",
                paramLabel = "KEY",
                description = "The Jira epic key to put in the heading, e.g." + " MIG-100.")
        String key;

        @Option(names = "--title", paramLabel = "TEXT", description = "The epic's title (default: from the goals).")
        String title;

        @Option(
                names = "--playbook",
                paramLabel = "ID",
                description = "Whose goals give the acceptance criteria" + " (default: the shipped playbook).")
        String playbook;

        @Override
        public Integer call() {
            CliContext c = context();
            String playbookId = playbook != null
                    ? playbook
                    : ShippedPlaybooks.defaultPlaybook().id();
            MigrationGoals goals = c.workspace().goals().load(playbookId);
            String heading = title != null
                    ? title
                    : goals.targetEngine() == null ? "Database migration" : "Migration to " + goals.targetEngine();
            Epic epic = EpicExport.from(c.workspace().ledger(), goals, key, heading);
            String text = EpicMarkdown.write(epic);
            try {
                if (force) {
                    Files.writeString(file, text, StandardCharsets.UTF_8);
                } else {
                    Files.writeString(
                            file,
                            text,
                            StandardCharsets.UTF_8,
                            StandardOpenOption.CREATE_NEW,
                            StandardOpenOption.WRITE);
                }
            } catch (FileAlreadyExistsException e) {
                throw new MigLabException(file + " exists already; --force overwrites it.");
            } catch (IOException e) {
                throw new MigLabException("The epic cannot be written to " + file + ": " + e.getMessage(), e);
            }
            long stories = epic.stories().count();
            c.err()
                    .println("Wrote " + stories + " stories in " + epic.phases().size() + " phases to " + file
                            + ". Sync it to Jira with spectryn (see docs/epic.md).");
            if (c.json()) {
                c.printJson(epic);
            }
            return Cli.OK;
        }
    }

    @Command(name = "import", description = "Read an epic file and list its stories and acceptance criteria.")
    static final class Import extends Sub {
        @Override
        public Integer call() {
            CliContext c = context();
            Epic epic = read();
            if (c.json()) {
                c.printJson(epic);
                return Cli.OK;
            }
            PrintStream out = c.out();
            out.println((epic.key() == null ? "" : epic.key() + ": ") + epic.title());
            TextTable table =
                    new TextTable("phase", "story", "status", "SP", "priority", "criteria", "subtasks", "title");
            for (Phase p : epic.phases()) {
                for (Story s : p.stories()) {
                    long checked =
                            s.criteria().stream().filter(Criterion::checked).count();
                    long done = s.subtasks().stream()
                            .filter(t -> t.status() == Status.DONE)
                            .count();
                    table.row(
                            p.name(),
                            s.id(),
                            s.status().label(),
                            s.points(),
                            s.priority().label(),
                            checked + "/" + s.criteria().size(),
                            done + "/" + s.subtasks().size(),
                            s.title());
                }
            }
            table.print(out);
            for (Story s : epic.stories().toList()) {
                if (s.criteria().isEmpty()
                        && s.subtasks().isEmpty()
                        && s.evidence().isEmpty()) {
                    continue;
                }
                out.println();
                out.println(s.id() + ": " + s.title());
                for (Criterion cr : s.criteria()) {
                    out.println("  [" + (cr.checked() ? "x" : " ") + "] " + cr.text());
                }
                for (Subtask t : s.subtasks()) {
                    out.println("  " + t.number() + ". " + t.name() + " (" + t.points() + " SP, "
                            + t.status().label() + ")");
                }
                for (Evidence e : s.evidence()) {
                    out.println("  evidence: " + e.text());
                }
            }
            return Cli.OK;
        }
    }

    @Command(name = "status", description = "The epic's phase dashboard: stories and points done per phase.")
    static final class StatusOf extends Sub {
        @Override
        public Integer call() {
            CliContext c = context();
            Epic epic = read();
            EpicDashboard dashboard = EpicDashboard.of(epic);
            if (c.json()) {
                c.printJson(dashboard);
                return Cli.OK;
            }
            c.out().print(dashboard.text());
            return Cli.OK;
        }
    }

    @Command(name = "attach", description = "List a lab experiment as evidence under a story of the epic file.")
    static final class Attach extends Sub {
        @Option(names = "--story", required = true, paramLabel = "ID", description = "The story, e.g. US-003.")
        String story;

        @Option(names = "--experiment", required = true, paramLabel = "N", description = "The experiment's id.")
        long experiment;

        @Override
        public Integer call() {
            CliContext c = context();
            read();
            Experiment e =
                    c.workspace().ledger().find(experiment).orElseThrow(() -> ExperimentsCommand.missing(experiment));
            Evidence evidence = EpicEvidence.of(e);
            boolean added;
            try {
                added = EpicEvidence.attach(file, story, evidence);
            } catch (MigLabException problem) {
                throw new MigLabException(file + ": " + problem.getMessage(), problem);
            }
            c.err()
                    .println(
                            added
                                    ? "Attached experiment " + experiment + " to " + story + " in " + file + "."
                                    : "Experiment " + experiment + " is already listed under " + story + "; " + file
                                            + " is unchanged.");
            if (c.json()) {
                Map<String, Object> result = new LinkedHashMap<>();
                result.put("story", story);
                result.put("evidence", evidence);
                result.put("added", added);
                c.printJson(result);
            }
            return Cli.OK;
        }
    }
}
