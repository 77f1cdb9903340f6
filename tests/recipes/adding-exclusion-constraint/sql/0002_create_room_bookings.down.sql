DROP TABLE room_bookings;
DROP EXTENSION IF EXISTS btree_gist;
