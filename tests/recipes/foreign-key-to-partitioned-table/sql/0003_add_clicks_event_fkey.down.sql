SET lock_timeout = '5s';
ALTER TABLE clicks DROP CONSTRAINT clicks_event_fkey;
