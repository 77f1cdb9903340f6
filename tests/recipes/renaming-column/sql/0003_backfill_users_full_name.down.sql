UPDATE users SET full_name = NULL WHERE full_name IS NOT NULL;
