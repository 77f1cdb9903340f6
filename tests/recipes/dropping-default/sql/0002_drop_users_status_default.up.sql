SET lock_timeout = '5s';
-- migcheck:ignore dropping-default every release still running writes status (since 41)
ALTER TABLE users ALTER COLUMN status DROP DEFAULT;
