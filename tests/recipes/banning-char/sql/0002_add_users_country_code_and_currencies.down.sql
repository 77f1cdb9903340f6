SET lock_timeout = '5s';
DROP TABLE currencies;
ALTER TABLE users DROP CONSTRAINT users_country_code_length;
ALTER TABLE users DROP COLUMN country_code;
