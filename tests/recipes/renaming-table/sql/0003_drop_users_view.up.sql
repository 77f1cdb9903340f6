DROP VIEW users;
