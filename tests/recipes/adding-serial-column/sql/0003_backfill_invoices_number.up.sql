-- Batches of 5000 rows, each committed on its own: the file is one statement,
-- so golang-migrate runs it outside a transaction block and the DO block may COMMIT.
DO $$
BEGIN
    LOOP
        UPDATE invoices SET number = nextval('invoices_number_seq')
        WHERE id IN (SELECT id FROM invoices WHERE number IS NULL ORDER BY id LIMIT 5000);
        EXIT WHEN NOT FOUND;
        COMMIT;
    END LOOP;
END
$$;
