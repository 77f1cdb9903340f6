SET lock_timeout = '5s';
ALTER TABLE users ADD CONSTRAINT users_referrer_not_null CHECK (referrer IS NOT NULL);
ALTER TABLE users ALTER COLUMN referrer DROP NOT NULL;
