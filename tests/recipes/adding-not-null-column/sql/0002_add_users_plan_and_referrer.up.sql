SET lock_timeout = '5s';
-- A constant DEFAULT fills existing rows without a rewrite (PostgreSQL 11+).
ALTER TABLE users ADD COLUMN plan text NOT NULL DEFAULT 'free';
-- No sensible default: nullable first, backfilled, then NOT NULL the safe way.
ALTER TABLE users ADD COLUMN referrer text;
