TRUNCATE page_views_logged;
