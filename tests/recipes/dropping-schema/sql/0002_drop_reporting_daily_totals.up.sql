SET lock_timeout = '5s';
-- migcheck:ignore dropping-table no release still running reads it (the last did in 40)
DROP TABLE reporting.daily_totals;
