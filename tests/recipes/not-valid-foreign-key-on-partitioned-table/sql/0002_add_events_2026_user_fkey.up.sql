SET lock_timeout = '5s';
ALTER TABLE events_2026 ADD CONSTRAINT events_user_id_fkey
    FOREIGN KEY (user_id) REFERENCES users (id) NOT VALID;
