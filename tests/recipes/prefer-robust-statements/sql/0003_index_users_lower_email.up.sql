CREATE INDEX CONCURRENTLY IF NOT EXISTS users_lower_email_idx ON users (lower(email));
