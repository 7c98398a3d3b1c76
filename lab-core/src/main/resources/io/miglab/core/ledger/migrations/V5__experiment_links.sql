-- How experiments relate: an A/B run proves an index build, an index build improves a baseline, a drop undoes a
-- build. Deleting either end deletes the link.
CREATE TABLE experiment_link (
    experiment_id   INTEGER NOT NULL REFERENCES experiment (id) ON DELETE CASCADE,
    related_id      INTEGER NOT NULL REFERENCES experiment (id) ON DELETE CASCADE,
    relation        TEXT    NOT NULL,
    PRIMARY KEY (experiment_id, related_id, relation)
);
CREATE INDEX experiment_link_related ON experiment_link (related_id);
