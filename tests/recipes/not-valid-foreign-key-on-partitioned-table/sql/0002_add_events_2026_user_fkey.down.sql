SET lock_timeout = '5s';
ALTER TABLE events_2026 DROP CONSTRAINT events_user_id_fkey;
