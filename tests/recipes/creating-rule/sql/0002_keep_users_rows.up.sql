SET lock_timeout = '5s';
CREATE FUNCTION users_refuse_delete() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'users rows are never deleted';
END
$$;
CREATE TRIGGER users_refuse_delete BEFORE DELETE ON users
    FOR EACH ROW EXECUTE FUNCTION users_refuse_delete();
