SET lock_timeout = '5s';
ALTER TABLE orders DROP CONSTRAINT orders_discount_range;
ALTER TABLE orders DROP COLUMN discount;
ALTER TABLE orders DROP CONSTRAINT orders_quantity_positive;
