UPDATE users SET referrer = NULL WHERE referrer = 'unknown';
