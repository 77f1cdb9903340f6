SET lock_timeout = '5s';
ALTER TABLE invoices DROP CONSTRAINT invoices_number_not_null;
