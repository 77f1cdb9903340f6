DROP TABLE users;
DROP DOMAIN email_address;
