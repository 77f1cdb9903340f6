SET lock_timeout = '5s';
DROP TRIGGER page_views_copy ON page_views;
DROP FUNCTION page_views_copy();
DROP TABLE page_views_logged;
