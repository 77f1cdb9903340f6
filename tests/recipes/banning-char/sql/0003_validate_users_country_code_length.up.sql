ALTER TABLE users VALIDATE CONSTRAINT users_country_code_length;
