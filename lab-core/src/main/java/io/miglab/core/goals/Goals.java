package io.miglab.core.goals;

/** The Goals step's answers, kept per playbook in the ledger. */
public interface Goals {

    /** The goals recorded for the playbook, or {@link MigrationGoals#none()}. */
    MigrationGoals load(String playbookId);

    void save(String playbookId, MigrationGoals goals);
}
