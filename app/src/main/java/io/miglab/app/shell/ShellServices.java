package io.miglab.app.shell;

import io.miglab.app.advisor.ConfigTuningViewModel;
import io.miglab.app.advisor.IndexTuningViewModel;
import io.miglab.app.dataset.DatasetViewModel;
import io.miglab.app.dialog.FxDialogService;
import io.miglab.app.goals.GoalsViewModel;
import io.miglab.app.inventory.InventoryViewModel;
import io.miglab.app.ledger.ExperimentsViewModel;
import io.miglab.app.metrics.LiveMetricsViewModel;
import io.miglab.app.migrate.MigrateViewModel;
import io.miglab.app.migrate.UpgradeRehearsalViewModel;
import io.miglab.app.plan.PlanInspectorViewModel;
import io.miglab.app.playbook.PlaybookViewModel;
import io.miglab.app.sizing.SizingViewModel;
import io.miglab.app.targets.DatabaseChoice;
import io.miglab.app.targets.TargetsViewModel;
import io.miglab.app.task.BackgroundTasks;
import io.miglab.app.task.FxTaskRunner;
import io.miglab.app.task.TaskRunner;
import io.miglab.app.validate.ValidateViewModel;
import io.miglab.app.workload.AbTestViewModel;
import io.miglab.app.workload.BaselineViewModel;
import io.miglab.core.playbook.PlaybookProgress;
import io.miglab.core.workspace.Workspace;
import io.miglab.datasets.pagila.Datasets;
import io.miglab.playbooks.ShippedPlaybooks;
import java.time.Clock;
import javafx.stage.Window;

/**
 * The app's object graph, built once by constructor injection: the workspace, the task runner, dialogs and the
 * view models every page shares. No static singletons.
 */
public final class ShellServices {
    private final Workspace workspace;
    private final BackgroundTasks tasks;
    private final TaskRunner runner;
    private final FxDialogService dialogs;
    private final TargetsViewModel targets;
    private final ExperimentsViewModel experiments;
    private final PlaybookViewModel playbook;
    private final DatasetViewModel dataset;
    private final InventoryViewModel inventory;
    private final BaselineViewModel baseline;
    private final AbTestViewModel abTest;
    private final IndexTuningViewModel indexTuning;
    private final ConfigTuningViewModel configTuning;
    private final ValidateViewModel validate;
    private final MigrateViewModel migrate;
    private final UpgradeRehearsalViewModel upgrade;
    private final SizingViewModel sizing;
    private final io.miglab.app.sizing.JobExperimentsViewModel jobExperiments;
    private final io.miglab.app.report.ReportStepViewModel reportStep;
    private final io.miglab.app.migration.ScriptReviewViewModel scriptReview;
    private final LiveMetricsViewModel liveMetrics;
    private final PlanInspectorViewModel plans;
    private final GoalsViewModel goals;
    private final DatabaseChoice database;
    private boolean closed;
    private java.util.function.Consumer<String> navigator = page -> {};

    public ShellServices(Workspace workspace, BackgroundTasks tasks, TaskRunner runner, FxDialogService dialogs) {
        this.workspace = workspace;
        this.tasks = tasks;
        this.runner = runner;
        this.dialogs = dialogs;
        this.targets = new TargetsViewModel(workspace.targets(), workspace.labInstances(), runner, dialogs);
        // One database choice for every page, so it follows the user from page to page.
        this.database = new DatabaseChoice(workspace.targets(), runner, targets.currentProperty());
        this.experiments = new ExperimentsViewModel(
                workspace.ledger(), workspace.baselines(), runner, dialogs, this::openInInspector);
        this.plans = new PlanInspectorViewModel(workspace.explains(), database, runner, dialogs);
        this.playbook = new PlaybookViewModel(
                ShippedPlaybooks.defaultPlaybook(),
                new PlaybookProgress(workspace.ledger(), Clock.systemUTC()),
                runner,
                dialogs);
        this.dataset = new DatasetViewModel(
                Datasets.on(workspace), database, runner, dialogs, targets.currentProperty(), experiments::refresh);
        this.inventory = new InventoryViewModel(
                workspace.inventories(), database, runner, dialogs, targets.currentProperty(), experiments::refresh);
        this.baseline = new BaselineViewModel(
                workspace.baselines(),
                workspace.goals(),
                playbook.playbook().id(),
                database,
                runner,
                dialogs,
                targets.currentProperty(),
                experiments::refresh);
        this.abTest = new AbTestViewModel(
                workspace.abTests(),
                database,
                runner,
                dialogs,
                targets.currentProperty(),
                baseline.workloadProperty(),
                experiments::refresh);
        this.indexTuning = new IndexTuningViewModel(
                workspace.indexAdvisor(),
                database,
                runner,
                dialogs,
                targets.currentProperty(),
                baseline.workloadProperty(),
                experiments::refresh);
        this.configTuning = new ConfigTuningViewModel(
                workspace.configAdvisor(),
                database,
                runner,
                dialogs,
                targets.currentProperty(),
                baseline.workloadProperty(),
                experiments::refresh);
        this.validate = new ValidateViewModel(
                workspace.validations(),
                workspace.targets(),
                database,
                runner,
                dialogs,
                targets.currentProperty(),
                experiments::refresh);
        this.migrate = new MigrateViewModel(
                workspace.loaders(),
                workspace.targets(),
                database,
                runner,
                dialogs,
                targets.currentProperty(),
                experiments::refresh);
        this.upgrade = new UpgradeRehearsalViewModel(
                workspace.upgrades(),
                database,
                runner,
                dialogs,
                targets.currentProperty(),
                baseline.workloadProperty(),
                experiments::refresh);
        this.sizing = new SizingViewModel(workspace.sizings(), runner, dialogs);
        this.jobExperiments = new io.miglab.app.sizing.JobExperimentsViewModel(
                workspace.jobExperiments(), runner, dialogs, experiments::refresh);
        this.liveMetrics = new LiveMetricsViewModel(
                workspace.metrics(), runner, dialogs, experiments::refresh, () -> localSource(workspace));
        String playbookId = playbook.playbook().id();
        this.scriptReview = new io.miglab.app.migration.ScriptReviewViewModel(
                workspace.scriptLint(),
                workspace.scriptTiming(),
                () -> workspace.goals().load(playbookId).migrationWindow(),
                targets.currentProperty(),
                database,
                runner,
                dialogs);
        this.reportStep = new io.miglab.app.report.ReportStepViewModel(
                workspace.ledger(),
                workspace.goals(),
                playbook.playbook().id(),
                playbook.playbook().title(),
                runner,
                dialogs,
                newReportExport());
        this.goals = new GoalsViewModel(
                workspace.goals(), playbook.playbook().id(), runner, dialogs, baseline::refreshGoals);
    }

    /** How a page asks the shell to show another page, by key; the main window sets it. */
    public void onNavigate(java.util.function.Consumer<String> showPage) {
        this.navigator = java.util.Objects.requireNonNull(showPage);
    }

    /** The Experiments page's "Open in inspector": the EXPLAIN page, showing that capture. */
    private void openInInspector(long experimentId) {
        navigator.accept("step:explain");
        plans.openExperiment(experimentId);
    }

    /** The app's services: background work on a thread pool, dialogs owned by {@code owner}. */
    public static ShellServices create(Workspace workspace, Window owner) {
        BackgroundTasks tasks = new BackgroundTasks();
        return new ShellServices(workspace, tasks, new FxTaskRunner(tasks), new FxDialogService(owner));
    }

    public Workspace workspace() {
        return workspace;
    }

    public BackgroundTasks tasks() {
        return tasks;
    }

    public TaskRunner runner() {
        return runner;
    }

    public FxDialogService dialogs() {
        return dialogs;
    }

    public TargetsViewModel targets() {
        return targets;
    }

    /** The database the pages work in, shared by all of them. */
    public DatabaseChoice database() {
        return database;
    }

    public ExperimentsViewModel experiments() {
        return experiments;
    }

    public PlaybookViewModel playbook() {
        return playbook;
    }

    public DatasetViewModel dataset() {
        return dataset;
    }

    public InventoryViewModel inventory() {
        return inventory;
    }

    public BaselineViewModel baseline() {
        return baseline;
    }

    public AbTestViewModel abTest() {
        return abTest;
    }

    public IndexTuningViewModel indexTuning() {
        return indexTuning;
    }

    public ConfigTuningViewModel configTuning() {
        return configTuning;
    }

    /** The current target's lab instance as a local source, or null when the current target is none or not a lab. */
    private io.miglab.core.metrics.MetricSource localSource(Workspace workspace) {
        String current = targets.currentProperty().get();
        if (current == null || workspace.labInstances().find(current).isEmpty()) {
            return null;
        }
        return workspace.metrics().labInstanceSource(current);
    }

    public LiveMetricsViewModel liveMetrics() {
        return liveMetrics;
    }

    public SizingViewModel sizing() {
        return sizing;
    }

    public io.miglab.app.migration.ScriptReviewViewModel scriptReview() {
        return scriptReview;
    }

    public io.miglab.app.report.ReportStepViewModel reportStep() {
        return reportStep;
    }

    /** A fresh export panel's model (each "Export for Jira" window has its own). */
    public io.miglab.app.report.ReportExportViewModel newReportExport() {
        return new io.miglab.app.report.ReportExportViewModel(
                workspace.reports(), runner, dialogs, io.miglab.app.report.view.ReportExportView::toClipboard);
    }

    /** Send to Jira for one export panel: the token from this process's environment or the OS secret store. */
    public io.miglab.app.report.JiraSendViewModel jiraSend(io.miglab.app.report.ReportExportViewModel export) {
        return new io.miglab.app.report.JiraSendViewModel(
                export,
                workspace.preferences(),
                System::getenv,
                io.miglab.core.report.jira.SecretStore.forThisOs(),
                runner,
                dialogs);
    }

    public io.miglab.app.sizing.JobExperimentsViewModel jobExperiments() {
        return jobExperiments;
    }

    public UpgradeRehearsalViewModel upgrade() {
        return upgrade;
    }

    public MigrateViewModel migrate() {
        return migrate;
    }

    public ValidateViewModel validate() {
        return validate;
    }

    public PlanInspectorViewModel plans() {
        return plans;
    }

    /** The Goals step's form. */
    public GoalsViewModel goals() {
        return goals;
    }

    /**
     * Stops polling and background work, then the lab instances this app started. Safe to call twice: the window
     * closing and the JVM shutdown hook may both call it.
     */
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        targets.stopPolling();
        if (runner instanceof AutoCloseable closeable) {
            try {
                closeable.close();
            } catch (Exception ignored) {
                // Closing is best effort; the instances below still get stopped.
            }
        }
        workspace.labInstances().stopStartedHere();
        workspace.close();
    }
}
