ALTER TABLE clicks VALIDATE CONSTRAINT clicks_event_fkey;
