-- Back to a check that only new rows have passed.
SET lock_timeout = '5s';
ALTER TABLE users DROP CONSTRAINT users_nickname_length;
ALTER TABLE users ADD CONSTRAINT users_nickname_length CHECK (length(nickname) <= 40) NOT VALID;
