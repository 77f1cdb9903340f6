CREATE VIEW order_sums AS SELECT id, total FROM orders;
