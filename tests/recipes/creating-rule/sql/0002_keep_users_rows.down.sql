SET lock_timeout = '5s';
DROP TRIGGER users_refuse_delete ON users;
DROP FUNCTION users_refuse_delete();
