-- Dropping the constraint drops its index too; put the index back as it was.
SET lock_timeout = '5s';
ALTER TABLE users DROP CONSTRAINT users_email_key;
CREATE UNIQUE INDEX users_email_key ON users (email);
