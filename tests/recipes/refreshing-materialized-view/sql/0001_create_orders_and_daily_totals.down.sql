DROP MATERIALIZED VIEW daily_order_totals;
DROP TABLE orders;
