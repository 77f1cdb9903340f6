SET lock_timeout = '5s';
-- migcheck:ignore dropping-view every release still running reads order_sums (since 41)
DROP VIEW order_totals;
