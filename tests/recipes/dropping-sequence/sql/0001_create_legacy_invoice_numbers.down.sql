DROP SEQUENCE legacy_invoice_numbers;
