SET lock_timeout = '5s';
-- migcheck:ignore dropping-extension no index, column or release still running uses it
DROP EXTENSION pg_trgm;
