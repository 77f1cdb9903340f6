SET lock_timeout = '5s';
ALTER TABLE users ALTER COLUMN email SET NOT NULL;
ALTER TABLE users ALTER COLUMN name SET NOT NULL;
ALTER TABLE users DROP CONSTRAINT users_email_not_null;
ALTER TABLE users DROP CONSTRAINT users_name_not_null;
