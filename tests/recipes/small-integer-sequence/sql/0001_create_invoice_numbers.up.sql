CREATE SEQUENCE invoice_numbers AS bigint START 1000;
