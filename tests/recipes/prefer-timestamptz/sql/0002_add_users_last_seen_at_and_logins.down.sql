SET lock_timeout = '5s';
DROP TABLE logins;
ALTER TABLE users DROP COLUMN last_seen_at;
