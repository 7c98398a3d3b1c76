-- Release 24.2 data migration: fill instance.jsonb->publicationPeriod from the free-text
-- publication date (publication[0].dateOfPublication), e.g. "1999", "c1985", "[2001?]", "1890-1899".
SET statement_timeout = 0;

DO $$
DECLARE
    batch_size int := 1000;
    changed int;
BEGIN
    LOOP
        UPDATE instance
           SET jsonb = jsonb_set(
                   jsonb,
                   '{publicationPeriod}',
                   jsonb_build_object(
                       'start', substring(jsonb->'publication'->0->>'dateOfPublication' from '(\d{4})')::int,
                       'end', coalesce(
                           substring(jsonb->'publication'->0->>'dateOfPublication' from '\d{4}\s*-\s*(\d{4})')::int,
                           substring(jsonb->'publication'->0->>'dateOfPublication' from '(\d{4})')::int)))
         WHERE id IN (SELECT id FROM instance
                       WHERE NOT jsonb ? 'publicationPeriod'
                       LIMIT batch_size);
        GET DIAGNOSTICS changed = ROW_COUNT;
        EXIT WHEN changed = 0;
        COMMIT;
    END LOOP;
END
$$;
