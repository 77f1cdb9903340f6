CREATE UNIQUE INDEX CONCURRENTLY IF NOT EXISTS daily_order_totals_placed_on_key
    ON daily_order_totals (placed_on);
