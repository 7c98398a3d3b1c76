-- The story's shape, small: fill a field of every jsonb document in batches that select the next unmigrated
-- rows by a predicate no index serves, so that each batch walks the table from the start.
CREATE OR REPLACE PROCEDURE mark_done(batch_size int DEFAULT 50)
LANGUAGE plpgsql AS $$
DECLARE
    migrated int;
BEGIN
    LOOP
        UPDATE items
           SET doc = doc || jsonb_build_object('done', length(doc->>'title'))
         WHERE id IN (SELECT id FROM items WHERE NOT doc ? 'done' ORDER BY id LIMIT batch_size);
        GET DIAGNOSTICS migrated = ROW_COUNT;
        EXIT WHEN migrated = 0;
        COMMIT;
    END LOOP;
END
$$;

CALL mark_done();

DROP PROCEDURE mark_done(int);
