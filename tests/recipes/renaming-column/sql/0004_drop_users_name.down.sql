SET lock_timeout = '5s';
ALTER TABLE users ADD COLUMN name text;
UPDATE users SET name = full_name;
ALTER TABLE users ALTER COLUMN name SET NOT NULL;
