-- Back to checks that only new rows have passed.
SET lock_timeout = '5s';
ALTER TABLE orders DROP CONSTRAINT orders_quantity_positive;
ALTER TABLE orders ADD CONSTRAINT orders_quantity_positive CHECK (quantity > 0) NOT VALID;
ALTER TABLE orders DROP CONSTRAINT orders_discount_range;
ALTER TABLE orders ADD CONSTRAINT orders_discount_range CHECK (discount BETWEEN 0 AND 1) NOT VALID;
