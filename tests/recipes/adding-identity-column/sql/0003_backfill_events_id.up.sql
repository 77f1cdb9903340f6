-- Batches of 5000 rows, each committed on its own: the file is one statement,
-- so golang-migrate runs it outside a transaction block and the DO block may COMMIT.
DO $$
BEGIN
    LOOP
        UPDATE events SET id = nextval('events_id_seq')
        WHERE ctid IN (SELECT ctid FROM events WHERE id IS NULL LIMIT 5000);
        EXIT WHEN NOT FOUND;
        COMMIT;
    END LOOP;
END
$$;
