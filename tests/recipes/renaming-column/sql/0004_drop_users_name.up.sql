SET lock_timeout = '5s';
-- migcheck:ignore dropping-column release 42 reads and writes full_name only, and 41 is gone
ALTER TABLE users DROP COLUMN name;
