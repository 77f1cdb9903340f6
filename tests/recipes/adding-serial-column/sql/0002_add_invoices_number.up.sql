SET lock_timeout = '5s';
CREATE SEQUENCE invoices_number_seq AS bigint;
ALTER TABLE invoices ADD COLUMN number bigint;
ALTER TABLE invoices ALTER COLUMN number SET DEFAULT nextval('invoices_number_seq');
ALTER SEQUENCE invoices_number_seq OWNED BY invoices.number;
