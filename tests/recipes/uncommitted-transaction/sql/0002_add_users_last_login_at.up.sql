-- This file runs its own transaction (golang-migrate then sends no BEGIN of its own).
BEGIN;
SET LOCAL lock_timeout = '5s';
ALTER TABLE users ADD COLUMN last_login_at timestamptz;
ALTER TABLE users ADD COLUMN locale text;
COMMIT;
