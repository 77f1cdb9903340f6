-- The sequence is owned by the column and goes with it.
SET lock_timeout = '5s';
ALTER TABLE invoices DROP COLUMN number;
