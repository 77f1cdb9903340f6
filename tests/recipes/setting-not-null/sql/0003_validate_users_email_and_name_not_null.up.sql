ALTER TABLE users VALIDATE CONSTRAINT users_email_not_null;
ALTER TABLE users VALIDATE CONSTRAINT users_name_not_null;
