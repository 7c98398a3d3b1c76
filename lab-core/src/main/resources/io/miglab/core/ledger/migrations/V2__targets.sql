-- Targets: the PostgreSQL servers a user works on. Passwords are never stored here (see ConnectionSpec).
CREATE TABLE target (
    name            TEXT    PRIMARY KEY,
    role            TEXT    NOT NULL CHECK (role IN ('lab', 'guarded')),
    host            TEXT    NOT NULL,
    port            INTEGER NOT NULL,
    database        TEXT    NOT NULL,
    user_name       TEXT,
    ssl_mode        TEXT,
    options         TEXT    NOT NULL DEFAULT '{}',
    added_at        TEXT    NOT NULL
);

-- Every write unlock of a guarded target, so the ledger shows who could write where, and when.
CREATE TABLE target_unlock (
    id              INTEGER PRIMARY KEY AUTOINCREMENT,
    target_name     TEXT    NOT NULL,
    unlocked_at     TEXT    NOT NULL,
    reason          TEXT    NOT NULL,
    os_user         TEXT,
    expires_at      TEXT    NOT NULL,
    relocked_at     TEXT
);
CREATE INDEX target_unlock_target ON target_unlock (target_name, unlocked_at);

-- Where the user stands in each playbook: one row per step that has left "not started".
CREATE TABLE playbook_progress (
    playbook_id     TEXT    NOT NULL,
    step_id         TEXT    NOT NULL,
    status          TEXT    NOT NULL,
    updated_at      TEXT    NOT NULL,
    PRIMARY KEY (playbook_id, step_id)
);
