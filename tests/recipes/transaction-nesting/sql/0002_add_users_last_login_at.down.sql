BEGIN;
SET LOCAL lock_timeout = '5s';
ALTER TABLE users DROP COLUMN locale;
ALTER TABLE users DROP COLUMN last_login_at;
COMMIT;
