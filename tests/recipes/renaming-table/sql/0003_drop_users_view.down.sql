CREATE VIEW users AS SELECT * FROM accounts;
