-- Back to a check that only new rows have passed.
SET lock_timeout = '5s';
ALTER TABLE invoices DROP CONSTRAINT invoices_number_not_null;
ALTER TABLE invoices ADD CONSTRAINT invoices_number_not_null CHECK (number IS NOT NULL) NOT VALID;
