package io.miglab.app;

import io.miglab.core.goals.Goals;
import io.miglab.core.goals.MigrationGoals;
import java.util.HashMap;
import java.util.Map;

/** Goals in memory, per playbook, for view-model tests. */
public final class FakeGoals implements Goals {
    public final Map<String, MigrationGoals> saved = new HashMap<>();

    @Override
    public MigrationGoals load(String playbookId) {
        return saved.getOrDefault(playbookId, MigrationGoals.none());
    }

    @Override
    public void save(String playbookId, MigrationGoals goals) {
        saved.put(playbookId, goals);
    }
}
