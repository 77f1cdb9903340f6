-- Batches of 5000 rows, each committed on its own: the file is one statement,
-- so golang-migrate runs it outside a transaction block and the DO block may COMMIT.
DO $$
BEGIN
    LOOP
        UPDATE orders SET public_id = gen_random_uuid()
        WHERE id IN (SELECT id FROM orders WHERE public_id IS NULL LIMIT 5000);
        EXIT WHEN NOT FOUND;
        COMMIT;
    END LOOP;
END
$$;
