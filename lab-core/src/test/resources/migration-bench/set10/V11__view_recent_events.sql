CREATE VIEW recent_events AS
SELECT id, kind, created FROM events WHERE created > date '2022-01-01';
