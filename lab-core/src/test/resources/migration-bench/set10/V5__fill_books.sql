INSERT INTO books SELECT g, 1 + g % 20000, 'book ' || md5(g::text), 100 + g % 500
FROM generate_series(1, 80000) g;
