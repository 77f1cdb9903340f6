SET lock_timeout = '5s';
-- migcheck:ignore dropping-sequence no default or release still running draws from it (the last did in 40)
DROP SEQUENCE legacy_invoice_numbers;
