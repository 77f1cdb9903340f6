-- Batches of 5000 rows, each committed on its own: the file is one statement,
-- so golang-migrate runs it outside a transaction block and the DO block may COMMIT.
DO $$
DECLARE
    last_id bigint := 0;
    batch_end bigint;
BEGIN
    LOOP
        SELECT max(id) INTO batch_end
        FROM (SELECT id FROM page_views WHERE id > last_id ORDER BY id LIMIT 5000) AS batch;
        EXIT WHEN batch_end IS NULL;
        INSERT INTO page_views_logged
        SELECT * FROM page_views WHERE id > last_id AND id <= batch_end
        ON CONFLICT (id) DO NOTHING;
        last_id := batch_end;
        COMMIT;
    END LOOP;
END
$$;
