BEGIN;
SET LOCAL lock_timeout = '5s';
ALTER TABLE users ADD CONSTRAINT users_email_lowercase CHECK (email = lower(email)) NOT VALID;
COMMIT;
ALTER TABLE users VALIDATE CONSTRAINT users_email_lowercase;
