SET lock_timeout = '5s';
-- migcheck:ignore dropping-function no release still running calls it (the last did in 40)
DROP FUNCTION order_tax(numeric);
