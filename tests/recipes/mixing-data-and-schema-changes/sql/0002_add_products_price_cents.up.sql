SET lock_timeout = '5s';
ALTER TABLE products ADD COLUMN price_cents bigint;
