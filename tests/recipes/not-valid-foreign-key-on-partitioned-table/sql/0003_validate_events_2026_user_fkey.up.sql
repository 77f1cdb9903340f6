ALTER TABLE events_2026 VALIDATE CONSTRAINT events_user_id_fkey;
