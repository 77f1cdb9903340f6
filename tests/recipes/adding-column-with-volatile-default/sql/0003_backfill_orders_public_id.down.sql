UPDATE orders SET public_id = NULL WHERE public_id IS NOT NULL;
