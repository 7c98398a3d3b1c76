package io.miglab.app;

import io.miglab.core.MigLabException;
import io.miglab.core.ProgressListener;
import io.miglab.core.targets.lab.LabInstance;
import io.miglab.core.targets.lab.LabInstances;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Lab instances in memory, for view-model tests: start and stop flip a flag; no server, no files. */
public final class FakeLabInstances implements LabInstances {
    private final Map<String, LabInstance> instances = new LinkedHashMap<>();

    public FakeLabInstances with(String name, boolean running) {
        instances.put(name, instance(name, running));
        return this;
    }

    private static LabInstance instance(String name, boolean running) {
        return instance(name, running, "16.15");
    }

    private static LabInstance instance(String name, boolean running, String version) {
        return new LabInstance(
                name,
                Path.of("/nonexistent", name),
                running ? 54321 : 0,
                running ? LabInstance.State.RUNNING : LabInstance.State.STOPPED,
                running ? 4242 : 0,
                version);
    }

    @Override
    public List<LabInstance> list() {
        return new ArrayList<>(instances.values());
    }

    @Override
    public Optional<LabInstance> find(String name) {
        return Optional.ofNullable(instances.get(name));
    }

    @Override
    public LabInstance start(String name, ProgressListener progress) {
        if (!name.matches("[a-z][a-z0-9-]*")) {
            throw new MigLabException("'" + name + "' is not a valid lab instance name.");
        }
        instances.put(name, instance(name, true));
        return instances.get(name);
    }

    @Override
    public LabInstance start(String name, int pgMajor, ProgressListener progress) {
        start(name, progress);
        String version = io.miglab.core.targets.lab.PostgresRelease.of(pgMajor).version();
        instances.put(name, instance(name, true, version.substring(0, version.lastIndexOf('.'))));
        return instances.get(name);
    }

    @Override
    public boolean stop(String name) {
        boolean was = describe(name).running();
        instances.put(name, instance(name, false));
        return was;
    }

    @Override
    public LabInstance restart(String name, ProgressListener progress) {
        return start(name, progress);
    }

    @Override
    public void delete(String name) {
        instances.remove(name);
    }

    @Override
    public LabInstance describe(String name) {
        return find(name).orElseThrow(() -> new MigLabException("There is no lab instance named '" + name + "'."));
    }

    @Override
    public List<String> logTail(String name, int lines) {
        return List.of();
    }

    @Override
    public List<String> applySettings(String name, Map<String, String> settings) {
        return List.of();
    }

    @Override
    public void resetSettings(String name, Collection<String> keys) {}

    @Override
    public Map<String, String> settings(String name) {
        return Map.of();
    }
}
