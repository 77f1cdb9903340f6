-- Back to a check that only new rows have passed.
SET lock_timeout = '5s';
ALTER TABLE events DROP CONSTRAINT events_id_not_null;
ALTER TABLE events ADD CONSTRAINT events_id_not_null CHECK (id IS NOT NULL) NOT VALID;
