DROP VIEW order_sums;
