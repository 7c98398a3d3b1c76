-- What the user chose last, so MigLab opens where they left off: the database last used on each target, the theme.
CREATE TABLE preference (
    key             TEXT    PRIMARY KEY,
    value           TEXT    NOT NULL,
    updated_at      TEXT    NOT NULL
);

-- The Goals step of a playbook: objective, recovery objectives, the migration window and latency thresholds, as
-- one JSON document per playbook; later steps read it for go/no-go.
CREATE TABLE goals (
    playbook_id     TEXT    PRIMARY KEY,
    document        TEXT    NOT NULL,
    updated_at      TEXT    NOT NULL
);
