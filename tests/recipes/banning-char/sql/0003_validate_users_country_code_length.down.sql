-- Back to a check that only new rows have passed.
SET lock_timeout = '5s';
ALTER TABLE users DROP CONSTRAINT users_country_code_length;
ALTER TABLE users ADD CONSTRAINT users_country_code_length CHECK (length(country_code) = 2) NOT VALID;
