-- Release 2.4 data migration: fill publicationPeriod {start, end} on every instance from the free-text
-- publication dates. Meets its functional requirements; this is the script as it shipped.
--
-- Batches of 1000 in id order, committed one by one (a procedure may COMMIT between them), each picking the next
-- rows that have no publicationPeriod yet. No index serves that predicate, so every batch walks the primary key
-- (or scans the table) from its start and reads every row migrated so far, each a 5 kB document to decompress,
-- before it finds the next unmigrated ones: n / 1000 batches of up to n rows each, time grows as n squared.

-- Parsing rules, tried in this order on the free-text dateOfPublication:
--   '2003-05-12'               a full date: start = end = its year (before the range rule, which it would match)
--   '1998-2001', '1998 - 2001' a range of years: start 1998, end 2001
--   '19th century'             start 1801, end 1900
--   '1998', 'c1998', '[1998?]', 'May 2003', '©2010'   the first four-digit year: start = end = it
--   'n.d.', '', no publication at all: start and end null. The row still gets publicationPeriod, with nulls,
--   so that it counts as migrated and the batches end.
-- start comes from the first publication, end from the last (a reprint extends the period).
CREATE OR REPLACE FUNCTION publication_years(date_text text) RETURNS int[]
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT CASE
        WHEN date_text ~ '^\s*\d{4}-\d{1,2}-\d{1,2}\s*$'
            THEN ARRAY[substring(date_text FROM '\d{4}')::int, substring(date_text FROM '\d{4}')::int]
        WHEN date_text ~ '\d{4}\s*-\s*\d{4}'
            THEN (regexp_match(date_text, '(\d{4})\s*-\s*(\d{4})'))::int[]
        WHEN date_text ~* '\d{1,2}(st|nd|rd|th)\s+century'
            THEN ARRAY[(substring(date_text FROM '(\d{1,2})')::int - 1) * 100 + 1,
                       substring(date_text FROM '(\d{1,2})')::int * 100]
        WHEN date_text ~ '\d{4}'
            THEN ARRAY[substring(date_text FROM '\d{4}')::int, substring(date_text FROM '\d{4}')::int]
        ELSE ARRAY[NULL, NULL]::int[]
    END
$$;

CREATE OR REPLACE FUNCTION publication_period(doc jsonb) RETURNS jsonb
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT jsonb_build_object(
        'start', (publication_years(doc -> 'publication' -> 0 ->> 'dateOfPublication'))[1],
        'end', (publication_years(doc -> 'publication' -> -1 ->> 'dateOfPublication'))[2])
$$;

CREATE OR REPLACE PROCEDURE migrate_publication_period(batch_size int DEFAULT 1000)
LANGUAGE plpgsql AS $$
DECLARE
    migrated int;
BEGIN
    LOOP
        UPDATE instance
           SET jsonb = jsonb || jsonb_build_object('publicationPeriod', publication_period(jsonb))
         WHERE id IN (SELECT id FROM instance WHERE NOT jsonb ? 'publicationPeriod' ORDER BY id LIMIT batch_size);
        GET DIAGNOSTICS migrated = ROW_COUNT;
        EXIT WHEN migrated = 0;
        COMMIT;
    END LOOP;
END
$$;

CALL migrate_publication_period();

DROP PROCEDURE migrate_publication_period(int);
DROP FUNCTION publication_period(jsonb);
DROP FUNCTION publication_years(text);
