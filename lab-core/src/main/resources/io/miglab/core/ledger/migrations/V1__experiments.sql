-- Experiments: every measurement MigLab makes, with what it measured and what came out.
CREATE TABLE experiment (
    id              INTEGER PRIMARY KEY AUTOINCREMENT,
    kind            TEXT    NOT NULL,
    title           TEXT    NOT NULL,
    target_name     TEXT,
    server_version  TEXT,
    settings_hash   TEXT,
    dataset         TEXT,
    parameters      TEXT    NOT NULL DEFAULT '{}',
    started_at      TEXT    NOT NULL,
    ended_at        TEXT,
    status          TEXT    NOT NULL CHECK (status IN ('running', 'succeeded', 'failed', 'cancelled', 'interrupted')),
    error           TEXT,
    notes           TEXT    NOT NULL DEFAULT '',
    owner_pid       INTEGER,
    owner_started   TEXT
);
CREATE INDEX experiment_started ON experiment (started_at);

CREATE TABLE measurement (
    experiment_id   INTEGER NOT NULL REFERENCES experiment (id) ON DELETE CASCADE,
    name            TEXT    NOT NULL,
    value           REAL    NOT NULL,
    unit            TEXT    NOT NULL DEFAULT '',
    PRIMARY KEY (experiment_id, name)
);

CREATE TABLE artifact (
    id              INTEGER PRIMARY KEY AUTOINCREMENT,
    experiment_id   INTEGER NOT NULL REFERENCES experiment (id) ON DELETE CASCADE,
    name            TEXT    NOT NULL,
    media_type      TEXT    NOT NULL,
    size_bytes      INTEGER NOT NULL,
    content         BLOB,
    path            TEXT,
    created_at      TEXT    NOT NULL
);
CREATE INDEX artifact_experiment ON artifact (experiment_id);

CREATE TABLE tag (
    experiment_id   INTEGER NOT NULL REFERENCES experiment (id) ON DELETE CASCADE,
    tag             TEXT    NOT NULL,
    PRIMARY KEY (experiment_id, tag)
);

-- Time series (CPU, memory, throughput...) sampled while an experiment ran.
CREATE TABLE sample (
    experiment_id   INTEGER NOT NULL REFERENCES experiment (id) ON DELETE CASCADE,
    series          TEXT    NOT NULL,
    at_ms           INTEGER NOT NULL,
    value           REAL    NOT NULL
);
CREATE INDEX sample_series ON sample (experiment_id, series, at_ms);
