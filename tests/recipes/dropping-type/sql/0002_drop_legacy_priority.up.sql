SET lock_timeout = '5s';
-- migcheck:ignore dropping-type no column uses it and no release still running names it (the last did in 40)
DROP TYPE legacy_priority;
