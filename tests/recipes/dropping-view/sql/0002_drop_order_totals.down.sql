CREATE VIEW order_totals AS SELECT id, total FROM orders;
