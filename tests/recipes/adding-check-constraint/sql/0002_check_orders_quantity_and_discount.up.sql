SET lock_timeout = '5s';
ALTER TABLE orders ADD CONSTRAINT orders_quantity_positive CHECK (quantity > 0) NOT VALID;
-- A new column gets its CHECK in a statement of its own, NOT VALID as well.
ALTER TABLE orders ADD COLUMN discount numeric;
ALTER TABLE orders ADD CONSTRAINT orders_discount_range CHECK (discount BETWEEN 0 AND 1) NOT VALID;
