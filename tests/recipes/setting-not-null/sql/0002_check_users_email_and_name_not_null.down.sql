SET lock_timeout = '5s';
ALTER TABLE users DROP CONSTRAINT users_email_not_null;
ALTER TABLE users DROP CONSTRAINT users_name_not_null;
