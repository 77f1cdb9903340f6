SET lock_timeout = '5s';
-- migcheck:ignore dropping-table no release still running uses it (the last did in 40)
DROP TABLE legacy_sessions;
