-- Back to a foreign key that only new rows have passed.
SET lock_timeout = '5s';
ALTER TABLE events_2026 DROP CONSTRAINT events_user_id_fkey;
ALTER TABLE events_2026 ADD CONSTRAINT events_user_id_fkey
    FOREIGN KEY (user_id) REFERENCES users (id) NOT VALID;
