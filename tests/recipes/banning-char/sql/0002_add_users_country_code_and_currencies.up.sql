SET lock_timeout = '5s';
ALTER TABLE users ADD COLUMN country_code text;
ALTER TABLE users ADD CONSTRAINT users_country_code_length CHECK (length(country_code) = 2) NOT VALID;
CREATE TABLE currencies (
    code text PRIMARY KEY CHECK (length(code) = 3),
    name text NOT NULL
);
