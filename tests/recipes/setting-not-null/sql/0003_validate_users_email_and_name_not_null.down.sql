-- Back to checks that only new rows have passed.
SET lock_timeout = '5s';
ALTER TABLE users DROP CONSTRAINT users_email_not_null;
ALTER TABLE users DROP CONSTRAINT users_name_not_null;
ALTER TABLE users ADD CONSTRAINT users_email_not_null CHECK (email IS NOT NULL) NOT VALID;
ALTER TABLE users ADD CONSTRAINT users_name_not_null CHECK (name IS NOT NULL) NOT VALID;
