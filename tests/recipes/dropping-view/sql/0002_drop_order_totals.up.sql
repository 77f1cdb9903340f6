SET lock_timeout = '5s';
-- migcheck:ignore dropping-view no release still running reads it (the last did in 40)
DROP VIEW order_totals;
