SET lock_timeout = '5s';
ALTER TABLE users RENAME TO accounts;
-- The old name keeps working for the release still running (a simple view is updatable).
CREATE VIEW users AS SELECT * FROM accounts;
