DROP INDEX CONCURRENTLY IF EXISTS users_last_login_at_idx;
