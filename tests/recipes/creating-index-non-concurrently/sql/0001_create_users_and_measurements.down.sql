DROP TABLE measurements;
DROP TABLE users;
