-- Back to a foreign key that only new rows have passed.
SET lock_timeout = '5s';
ALTER TABLE clicks DROP CONSTRAINT clicks_event_fkey;
-- migcheck:ignore foreign-key-to-partitioned-table old partitions are dropped only once no click points into them
ALTER TABLE clicks ADD CONSTRAINT clicks_event_fkey
    FOREIGN KEY (event_id, event_at) REFERENCES events (id, at) NOT VALID;
