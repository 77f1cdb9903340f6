SET lock_timeout = '5s';
DROP TRIGGER page_views_copy ON page_views;
DROP FUNCTION page_views_copy();
ALTER TABLE page_views RENAME TO page_views_unlogged;
-- migcheck:ignore renaming-table only the copy trigger, dropped above, used page_views_logged
ALTER TABLE page_views_logged RENAME TO page_views;
SELECT setval(pg_get_serial_sequence('page_views', 'id'), (SELECT max(id) FROM page_views));
