SET lock_timeout = '5s';
-- migcheck:ignore dropping-constraint the product now allows age 0, and no code relies on the check
ALTER TABLE users DROP CONSTRAINT users_age_positive;
