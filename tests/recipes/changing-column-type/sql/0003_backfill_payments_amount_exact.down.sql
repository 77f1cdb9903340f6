UPDATE payments SET amount_exact = NULL WHERE amount_exact IS NOT NULL;
