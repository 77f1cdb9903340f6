UPDATE products SET price_cents = NULL WHERE price_cents IS NOT NULL;
