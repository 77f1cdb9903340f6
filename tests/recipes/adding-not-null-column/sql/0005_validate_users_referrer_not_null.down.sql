-- Back to a check that only new rows have passed.
SET lock_timeout = '5s';
ALTER TABLE users DROP CONSTRAINT users_referrer_not_null;
ALTER TABLE users ADD CONSTRAINT users_referrer_not_null CHECK (referrer IS NOT NULL) NOT VALID;
