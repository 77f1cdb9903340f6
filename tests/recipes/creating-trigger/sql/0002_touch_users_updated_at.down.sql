SET lock_timeout = '5s';
DROP TRIGGER users_touch ON users;
DROP FUNCTION users_touch();
