CREATE INDEX CONCURRENTLY IF NOT EXISTS orders_cancelled_idx ON orders (id)
    WHERE status = 'cancelled';
