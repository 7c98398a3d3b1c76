package io.miglab.core;

import io.miglab.core.ledger.Ledger;
import io.miglab.core.targets.TargetRegistry;
import io.miglab.core.targets.lab.LabInstanceManager;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;

/**
 * A MigLab home opened for work: its ledger, its lab instances and its targets, wired once. The CLI opens one per
 * command; the app opens one for its lifetime. Close it to release the ledger.
 */
public final class Workspace implements AutoCloseable {
    /** Where to unpack PostgreSQL binaries instead of the home; lets tests and several homes share one copy. */
    public static final String BINARIES_VARIABLE = "MIGLAB_BINARIES";

    private final MigLabHome home;
    private final Ledger ledger;
    private final LabInstanceManager labInstances;
    private final TargetRegistry targets;

    private Workspace(MigLabHome home, Ledger ledger, LabInstanceManager labInstances, TargetRegistry targets) {
        this.home = home;
        this.ledger = ledger;
        this.labInstances = labInstances;
        this.targets = targets;
    }

    public static Workspace open(MigLabHome home, Map<String, String> environment) {
        home.ensureExists();
        Ledger ledger = Ledger.open(home.ledgerFile());
        String sharedBinaries = environment.get(BINARIES_VARIABLE);
        LabInstanceManager labInstances = new LabInstanceManager(
                home.instancesDir(),
                sharedBinaries == null || sharedBinaries.isBlank() ? home.binariesDir() : Path.of(sharedBinaries));
        TargetRegistry targets = new TargetRegistry(ledger, labInstances, environment, Clock.systemUTC());
        return new Workspace(home, ledger, labInstances, targets);
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
