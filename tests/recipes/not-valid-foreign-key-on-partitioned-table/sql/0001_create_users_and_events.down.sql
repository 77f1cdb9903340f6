DROP TABLE events;
DROP TABLE users;
