SET lock_timeout = '5s';
ALTER TABLE page_views RENAME TO page_views_logged;
ALTER TABLE page_views_unlogged RENAME TO page_views;
CREATE FUNCTION page_views_copy() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO page_views_logged VALUES (NEW.*);
    RETURN NULL;
END
$$;
CREATE TRIGGER page_views_copy AFTER INSERT ON page_views
    FOR EACH ROW EXECUTE FUNCTION page_views_copy();
