SET lock_timeout = '5s';
ALTER TABLE users DROP COLUMN referrer;
ALTER TABLE users DROP COLUMN plan;
