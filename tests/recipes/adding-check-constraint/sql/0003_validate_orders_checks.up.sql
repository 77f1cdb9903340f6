ALTER TABLE orders VALIDATE CONSTRAINT orders_quantity_positive;
ALTER TABLE orders VALIDATE CONSTRAINT orders_discount_range;
