SET lock_timeout = '5s';
ALTER TABLE users ADD COLUMN first_name text, ADD COLUMN last_name text;
