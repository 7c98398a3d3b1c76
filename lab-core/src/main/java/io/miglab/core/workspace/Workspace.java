package io.miglab.core.workspace;

import io.miglab.core.advisor.config.ConfigAdvisor;
import io.miglab.core.advisor.config.ConfigAdvisorService;
import io.miglab.core.advisor.config.MachineResources;
import io.miglab.core.advisor.index.IndexAdvisor;
import io.miglab.core.advisor.index.IndexAdvisorService;
import io.miglab.core.goals.Goals;
import io.miglab.core.goals.GoalsService;
import io.miglab.core.inventory.Inventories;
import io.miglab.core.inventory.InventoryService;
import io.miglab.core.ledger.Ledger;
import io.miglab.core.ledger.Preferences;
import io.miglab.core.metrics.Metrics;
import io.miglab.core.metrics.MetricsService;
import io.miglab.core.migrate.ClientTools;
import io.miglab.core.migrate.LoaderService;
import io.miglab.core.migrate.Loaders;
import io.miglab.core.migrate.dump.DumpRestore;
import io.miglab.core.migrate.dump.DumpRestoreLoader;
import io.miglab.core.migrate.dump.DumpRestoreService;
import io.miglab.core.migrate.upgrade.UpgradeRehearsal;
import io.miglab.core.migrate.upgrade.UpgradeRehearsalService;
import io.miglab.core.plan.ExplainService;
import io.miglab.core.plan.Explains;
import io.miglab.core.script.Scripts;
import io.miglab.core.sizing.SizingService;
import io.miglab.core.sizing.Sizings;
import io.miglab.core.targets.TargetRegistry;
import io.miglab.core.targets.lab.BinariesResolver;
import io.miglab.core.targets.lab.LabInstanceManager;
import io.miglab.core.validate.ValidationService;
import io.miglab.core.validate.Validations;
import io.miglab.core.workload.AbService;
import io.miglab.core.workload.AbTests;
import io.miglab.core.workload.BaselineService;
import io.miglab.core.workload.Baselines;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;

/**
 * A MigLab home opened for work: its ledger, lab instances and targets, and one service per feature wired on them
 * once. The CLI opens one per command; the app opens one for its lifetime and hands each view model the services it
 * needs; the playbook runner will call the same services. Close it to release the ledger.
 */
public final class Workspace implements AutoCloseable {
    /** Where to unpack PostgreSQL binaries instead of the home; lets tests and several homes share one copy. */
    public static final String BINARIES_VARIABLE = "MIGLAB_BINARIES";

    private final MigLabHome home;
    private final Ledger ledger;
    private final LabInstanceManager labInstances;
    private final TargetRegistry targets;
    private final Explains explains;
    private final Inventories inventories;
    private final Baselines baselines;
    private final AbTests abTests;
    private final IndexAdvisor indexAdvisor;
    private final Scripts scripts;
    private final ConfigAdvisor configAdvisor;
    private final Goals goals;
    private final Preferences preferences;
    private final ClientTools clientTools;
    private final Validations validations;
    private final Loaders loaders;
    private final DumpRestore dumpRestore;
    private final UpgradeRehearsal upgrades;

    private Workspace(
            MigLabHome home,
            Ledger ledger,
            LabInstanceManager labInstances,
            TargetRegistry targets,
            ClientTools clientTools,
            Map<String, String> environment) {
        this.home = home;
        this.ledger = ledger;
        this.labInstances = labInstances;
        this.targets = targets;
        this.explains = new ExplainService(ledger, targets);
        this.inventories = new InventoryService(ledger, targets);
        this.baselines = new BaselineService(ledger, targets);
        this.abTests = new AbService(ledger, targets, labInstances);
        this.indexAdvisor = new IndexAdvisorService(ledger, targets, abTests);
        this.scripts = new Scripts(targets);
        this.configAdvisor = new ConfigAdvisorService(ledger, targets, labInstances, abTests, MachineResources::detect);
        this.goals = new GoalsService(ledger, Clock.systemUTC());
        this.preferences = new Preferences(ledger, Clock.systemUTC());
        this.clientTools = clientTools;
        this.validations = new ValidationService(ledger, targets);
        this.dumpRestore = new DumpRestoreService(ledger, targets, clientTools, environment);
        this.upgrades = new UpgradeRehearsalService(
                ledger, targets, labInstances, dumpRestore, validations, baselines, clientTools);
        // pg_dump and pg_restore plug into the loaders through their one seam, so a matrix can race them too.
        DumpRestoreLoader pgDumpLoader = new DumpRestoreLoader(dumpRestore, targets);
        this.loaders = new LoaderService(
                ledger,
                targets,
                clientTools,
                (request, source, destination, database, observer, progress, cancellation) ->
                        pgDumpLoader.load(request, observer, progress, cancellation));
    }

    /** Moving tables from one target to another: one run of a loader, or a matrix of loader variants. */
    public Loaders loaders() {
        return loaders;
    }

    /** Major-version upgrades rehearsed: dump, restore into a newer lab instance, validate, compare baselines. */
    public UpgradeRehearsal upgrades() {
        return upgrades;
    }

    /** pg_dump and pg_restore runs, each an experiment. */
    public DumpRestore dumpRestore() {
        return dumpRestore;
    }

    /** pg_dump, pg_restore and psql on this machine, and which one fits a server's major. */
    public ClientTools clientTools() {
        return clientTools;
    }

    /** Live pod metrics from the kubeconfig's cluster, optionally recorded. */
    public Metrics metrics() {
        return new MetricsService(ledger, labInstances);
    }

    /** A migration Job's variants run one after another on the kubeconfig's cluster. */
    public io.miglab.core.sizing.jobs.JobExperiments jobExperiments() {
        return new io.miglab.core.sizing.jobs.JobExperimentService(ledger);
    }

    /** The size-aware lint of data-migration scripts, reading table sizes from this workspace's targets. */
    public io.miglab.core.migration.lint.ScriptLint scriptLint() {
        return new io.miglab.core.migration.lint.ScriptLint(targets);
    }

    /** A migration script timed at several sizes of a sampled database, fitted, projected and judged. */
    public io.miglab.core.migration.timing.ScriptTiming scriptTiming() {
        return new io.miglab.core.migration.timing.ScriptTiming(ledger, targets);
    }

    /** Reports of experiments, for tickets: Markdown, Jira wiki, ADF, HTML, CSV and the attachment bundle. */
    public io.miglab.core.report.ReportService reports() {
        return new io.miglab.core.report.ReportService(ledger);
    }

    public Sizings sizings() {
        return new SizingService(ledger);
    }

    public Validations validations() {
        return validations;
    }

    public Goals goals() {
        return goals;
    }

    public Preferences preferences() {
        return preferences;
    }

    public Explains explains() {
        return explains;
    }

    public Inventories inventories() {
        return inventories;
    }

    public Baselines baselines() {
        return baselines;
    }

    public AbTests abTests() {
        return abTests;
    }

    public IndexAdvisor indexAdvisor() {
        return indexAdvisor;
    }

    public ConfigAdvisor configAdvisor() {
        return configAdvisor;
    }

    public Scripts scripts() {
        return scripts;
    }

    public static Workspace open(MigLabHome home, Map<String, String> environment) {
        home.ensureExists();
        Ledger ledger = Ledger.open(home.ledgerFile());
        String sharedBinaries = environment.get(BINARIES_VARIABLE);
        LabInstanceManager labInstances = new LabInstanceManager(
                home.instancesDir(),
                sharedBinaries == null || sharedBinaries.isBlank() ? home.binariesDir() : Path.of(sharedBinaries),
                BinariesResolver.fromEnvironment(environment));
        TargetRegistry targets = new TargetRegistry(ledger, labInstances, environment, Clock.systemUTC());
        return new Workspace(home, ledger, labInstances, targets, ClientTools.onThisMachine(environment), environment);
    }

    public MigLabHome home() {
        return home;
    }

    public Ledger ledger() {
        return ledger;
    }

    public LabInstanceManager labInstances() {
        return labInstances;
    }

    public TargetRegistry targets() {
        return targets;
    }

    @Override
    public void close() {
        ledger.close();
    }
}
