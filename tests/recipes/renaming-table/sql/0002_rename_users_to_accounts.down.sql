SET lock_timeout = '5s';
DROP VIEW users;
ALTER TABLE accounts RENAME TO users;
