ALTER TABLE users VALIDATE CONSTRAINT users_referrer_not_null;
