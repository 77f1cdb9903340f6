-- SET LOGGED would rewrite page_views under an ACCESS EXCLUSIVE lock: copy it instead.
SET lock_timeout = '5s';
CREATE TABLE page_views_logged (LIKE page_views INCLUDING ALL);
CREATE FUNCTION page_views_copy() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO page_views_logged VALUES (NEW.*);
    RETURN NULL;
END
$$;
CREATE TRIGGER page_views_copy AFTER INSERT ON page_views
    FOR EACH ROW EXECUTE FUNCTION page_views_copy();
