DROP INDEX CONCURRENTLY IF EXISTS daily_order_totals_placed_on_key;
