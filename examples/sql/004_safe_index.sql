-- The safe way to index a busy table: no write lock, outside a transaction.
SET lock_timeout = '2s';
CREATE INDEX CONCURRENTLY accounts_plan_idx ON accounts (plan);
