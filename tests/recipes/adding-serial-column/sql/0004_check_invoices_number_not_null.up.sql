SET lock_timeout = '5s';
ALTER TABLE invoices ADD CONSTRAINT invoices_number_not_null CHECK (number IS NOT NULL) NOT VALID;
