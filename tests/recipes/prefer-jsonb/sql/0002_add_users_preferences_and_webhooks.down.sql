SET lock_timeout = '5s';
DROP TABLE webhooks;
ALTER TABLE users DROP COLUMN preferences;
