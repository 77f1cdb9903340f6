-- Dropping the constraint drops its index too; put the index back as it was.
SET lock_timeout = '5s';
ALTER TABLE events DROP CONSTRAINT events_pkey;
CREATE UNIQUE INDEX events_pkey ON events (id);
