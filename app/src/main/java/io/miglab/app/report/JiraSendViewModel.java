package io.miglab.app.report;

import io.miglab.app.dialog.DialogService;
import io.miglab.app.task.Errors;
import io.miglab.app.task.PageJob;
import io.miglab.app.task.TaskRunner;
import io.miglab.core.MigLabException;
import io.miglab.core.ledger.Preferences;
import io.miglab.core.report.jira.JiraFlavour;
import io.miglab.core.report.jira.JiraIssueDraft;
import io.miglab.core.report.jira.JiraPush;
import io.miglab.core.report.jira.JiraSite;
import io.miglab.core.report.jira.ReportDrafts;
import io.miglab.core.report.jira.SecretStore;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import java.util.regex.Pattern;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/**
 * Send to Jira from the export panel: the site and the project (a new issue) or an issue key (a comment and the
 * files on it), remembered between sessions; Send shows exactly what would be sent and asks, then sends it with the
 * token from the environment or the OS secret store (never the ledger). The description is the report's, in the
 * format the site's flavour takes; the files are the ones ticked.
 */
public final class JiraSendViewModel {
    static final String URL_PREFERENCE = "jira.url";
    static final String WHERE_PREFERENCE = "jira.where";
    static final String FLAVOUR_PREFERENCE = "jira.flavour";
    private static final Pattern ISSUE_KEY = Pattern.compile("[A-Z][A-Z0-9_]+-[1-9][0-9]*");

    private final ReportExportViewModel export;
    private final Preferences preferences;
    private final Function<String, String> env;
    private final SecretStore secrets;
    private final TaskRunner runner;
    private final DialogService dialogs;

    private final StringProperty url = new SimpleStringProperty("");
    private final StringProperty where = new SimpleStringProperty("");
    /** "auto", "cloud" or "dc". */
    private final StringProperty flavour = new SimpleStringProperty("auto");

    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper("");
    private final PageJob job = new PageJob();

    public JiraSendViewModel(
            ReportExportViewModel export,
            Preferences preferences,
            Function<String, String> env,
            SecretStore secrets,
            TaskRunner runner,
            DialogService dialogs) {
        this.export = export;
        this.preferences = preferences;
        this.env = env;
        this.secrets = secrets;
        this.runner = runner;
        this.dialogs = dialogs;
    }

    /** Fills the form from what was used last (or MIGLAB_JIRA_URL), read in the background. */
    public void load() {
        runner.submit(
                "Reading the Jira settings",
                (p, c) -> new String[] {
                    preferences.get(URL_PREFERENCE).orElseGet(() -> orEmpty(env.apply("MIGLAB_JIRA_URL"))),
                    preferences.get(WHERE_PREFERENCE).orElse(""),
                    preferences.get(FLAVOUR_PREFERENCE).orElse("auto")
                },
                v -> {
                    if (url.get().isBlank()) {
                        url.set(v[0]);
                    }
                    if (where.get().isBlank()) {
                        where.set(v[1]);
                    }
                    flavour.set(v[2]);
                },
                error -> {});
    }

    /** Shows what would be sent and asks; on yes, sends it in the background. */
    public void send() {
        ReportExportViewModel.Prepared prepared = export.preparedProperty().get();
        if (prepared == null) {
            return;
        }
        JiraSite site;
        String key = where.get().strip().toUpperCase(Locale.ROOT);
        try {
            site = site();
            if (key.isEmpty()) {
                throw new MigLabException(
                        "Name the Jira project to create the issue in (MIG), or the issue to add to" + " (MIG-12).");
            }
        } catch (MigLabException e) {
            dialogs.showError("Send to Jira", Errors.userMessage(e));
            return;
        }
        List<io.miglab.core.report.ReportBundle.Entry> files = export.chosenFiles();
        List<String> kinds = export.reportedKinds();
        // Rendering the descriptions is work: in the background, then the plan is shown, then it is sent.
        job.submit(
                runner,
                "Preparing the Jira request",
                (progress, cancellation) -> {
                    JiraIssueDraft draft = ReportDrafts.draft(prepared.report(), files, kinds, "Task", null);
                    return ISSUE_KEY.matcher(key).matches()
                            ? JiraPush.Request.onIssue(key, draft)
                            : JiraPush.Request.inProject(key, List.of(draft));
                },
                request -> confirmAndSend(site, request),
                error -> dialogs.showError("Send to Jira", Errors.userMessage(error)));
    }

    private void confirmAndSend(JiraSite site, JiraPush.Request request) {
        JiraPush.Plan plan = JiraPush.plan(site, request);
        if (!dialogs.confirm(
                "Send to Jira", plan.text() + "\nSend " + plan.requests().size() + " request(s) now?")) {
            status.set("Nothing was sent.");
            return;
        }
        String urlText = url.get().strip();
        String whereText = where.get().strip();
        String flavourText = flavour.get();
        job.submit(
                runner,
                "Sending to Jira",
                (progress, cancellation) -> {
                    JiraPush.Result result = JiraPush.send(site, request, env, secrets, progress);
                    preferences.put(URL_PREFERENCE, urlText);
                    preferences.put(WHERE_PREFERENCE, whereText);
                    preferences.put(FLAVOUR_PREFERENCE, flavourText);
                    return result;
                },
                result -> {
                    JiraPush.PushedIssue issue = result.issues().get(0);
                    status.set((issue.created() ? "Created " : "Updated ") + issue.key() + " (" + issue.browseUrl()
                            + ") with " + issue.files().size() + " file(s) attached.");
                    dialogs.notify(status.get());
                },
                error -> {
                    status.set("Not sent: " + Errors.userMessage(error));
                    dialogs.showError("Send to Jira", Errors.userMessage(error));
                });
    }

    JiraSite site() {
        var base = JiraSite.baseUrl(url.get().strip());
        JiraFlavour f = "auto".equals(flavour.get()) ? JiraFlavour.guess(base) : JiraFlavour.parse(flavour.get());
        return new JiraSite(base, f, null, null);
    }

    private static String orEmpty(String s) {
        return s == null ? "" : s;
    }

    public StringProperty urlProperty() {
        return url;
    }

    public StringProperty whereProperty() {
        return where;
    }

    public StringProperty flavourProperty() {
        return flavour;
    }

    public ReadOnlyStringProperty statusProperty() {
        return status.getReadOnlyProperty();
    }

    public javafx.beans.property.ReadOnlyBooleanProperty runningProperty() {
        return job.runningProperty();
    }
}
