DROP TABLE clicks;
DROP TABLE events;
