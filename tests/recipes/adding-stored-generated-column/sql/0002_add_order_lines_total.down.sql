SET lock_timeout = '5s';
DROP TRIGGER order_lines_set_total ON order_lines;
DROP FUNCTION order_lines_set_total();
ALTER TABLE order_lines DROP COLUMN total;
