INSERT INTO events
SELECT g, 'k' || (g % 10), md5(g::text), date '2020-01-01' + (g % 1000)
FROM generate_series(1, 120000) AS g;
