SET lock_timeout = '5s';
DROP TABLE teams;
ALTER TABLE users DROP CONSTRAINT users_nickname_length;
ALTER TABLE users DROP COLUMN nickname;
