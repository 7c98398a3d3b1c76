-- depends: V8
-- Declared only to show a header at work: nothing in the SQL ties it to V8.
CREATE INDEX events_kind_created_idx ON events (kind, created);
