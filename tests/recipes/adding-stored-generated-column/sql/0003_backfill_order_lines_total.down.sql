UPDATE order_lines SET total = NULL WHERE total IS NOT NULL;
