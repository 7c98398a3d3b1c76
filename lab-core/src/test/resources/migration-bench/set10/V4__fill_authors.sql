INSERT INTO authors SELECT g, 'author ' || g FROM generate_series(1, 20000) g;
