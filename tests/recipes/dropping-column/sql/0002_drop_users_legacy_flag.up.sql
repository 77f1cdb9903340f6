SET lock_timeout = '5s';
-- migcheck:ignore dropping-column no release still running reads it (the last did in 40)
ALTER TABLE users DROP COLUMN legacy_flag;
