SET lock_timeout = '5s';
ALTER TABLE users ALTER COLUMN referrer SET NOT NULL;
ALTER TABLE users DROP CONSTRAINT users_referrer_not_null;
