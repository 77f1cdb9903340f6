SET lock_timeout = '5s';
ALTER TABLE users DROP COLUMN first_name, DROP COLUMN last_name;
