SET lock_timeout = '5s';
-- migcheck:ignore dropping-not-null every release still running handles a NULL email (since 41)
ALTER TABLE users ALTER COLUMN email DROP NOT NULL;
