-- Batches of 5000 rows, each committed on its own: the file is one statement,
-- so golang-migrate runs it outside a transaction block and the DO block may COMMIT.
DO $$
BEGIN
    LOOP
        UPDATE payments SET amount_exact = amount
        WHERE id IN (SELECT id FROM payments WHERE amount_exact IS NULL LIMIT 5000);
        EXIT WHEN NOT FOUND;
        COMMIT;
    END LOOP;
END
$$;
