-- Targets get an identity that outlives their name: unlocks belong to it, so a target removed and added again under
-- the same name never inherits the old one's unlock. AUTOINCREMENT keeps ids from being reused after a delete.
CREATE TABLE target_v3 (
    id              INTEGER PRIMARY KEY AUTOINCREMENT,
    name            TEXT    NOT NULL UNIQUE,
    role            TEXT    NOT NULL CHECK (role IN ('lab', 'guarded')),
    host            TEXT    NOT NULL,
    port            INTEGER NOT NULL,
    database        TEXT    NOT NULL,
    user_name       TEXT,
    ssl_mode        TEXT,
    options         TEXT    NOT NULL DEFAULT '{}',
    added_at        TEXT    NOT NULL
);
INSERT INTO target_v3 (name, role, host, port, database, user_name, ssl_mode, options, added_at)
    SELECT name, role, host, port, database, user_name, ssl_mode, options, added_at FROM target ORDER BY added_at, name;
DROP TABLE target;
ALTER TABLE target_v3 RENAME TO target;

-- Unlocks now point at the target's id. Those recorded before this upgrade were keyed by name, which may already
-- name another server than the one unlocked: they are all ended now (the user unlocks again), and those of names
-- no longer registered are dropped, as removing a target removes its unlocks.
CREATE TABLE target_unlock_v3 (
    id              INTEGER PRIMARY KEY AUTOINCREMENT,
    target_id       INTEGER NOT NULL REFERENCES target (id) ON DELETE CASCADE,
    target_name     TEXT    NOT NULL,
    unlocked_at     TEXT    NOT NULL,
    reason          TEXT    NOT NULL,
    os_user         TEXT,
    expires_at      TEXT    NOT NULL,
    relocked_at     TEXT
);
INSERT INTO target_unlock_v3 (id, target_id, target_name, unlocked_at, reason, os_user, expires_at, relocked_at)
    SELECT u.id, t.id, u.target_name, u.unlocked_at, u.reason, u.os_user, u.expires_at,
           COALESCE(u.relocked_at, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
    FROM target_unlock u JOIN target t ON t.name = u.target_name;
DROP TABLE target_unlock;
ALTER TABLE target_unlock_v3 RENAME TO target_unlock;
-- The one query asked before every statement on a guarded target: is an unlock of this id in force now?
CREATE INDEX target_unlock_active ON target_unlock (target_id, relocked_at, expires_at);
