SET lock_timeout = '5s';
ALTER TABLE users DROP CONSTRAINT users_referrer_not_null;
