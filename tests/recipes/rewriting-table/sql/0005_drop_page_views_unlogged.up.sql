SET lock_timeout = '5s';
-- migcheck:ignore dropping-table nothing uses it since the swap, and its rows are in page_views
DROP TABLE page_views_unlogged;
