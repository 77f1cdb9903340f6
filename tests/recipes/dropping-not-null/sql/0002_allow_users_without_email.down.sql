-- Fails while a NULL is stored: the release that stores them must be rolled back first.
SET lock_timeout = '5s';
ALTER TABLE users ALTER COLUMN email SET NOT NULL;
