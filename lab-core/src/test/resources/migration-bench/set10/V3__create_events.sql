CREATE TABLE events (id bigint PRIMARY KEY, kind text, payload text, created date);
