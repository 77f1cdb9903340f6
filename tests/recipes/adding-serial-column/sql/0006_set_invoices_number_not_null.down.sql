SET lock_timeout = '5s';
ALTER TABLE invoices ADD CONSTRAINT invoices_number_not_null CHECK (number IS NOT NULL);
ALTER TABLE invoices ALTER COLUMN number DROP NOT NULL;
