DROP SEQUENCE invoice_numbers;
