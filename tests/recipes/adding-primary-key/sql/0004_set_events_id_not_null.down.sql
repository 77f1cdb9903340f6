SET lock_timeout = '5s';
ALTER TABLE events ADD CONSTRAINT events_id_not_null CHECK (id IS NOT NULL);
ALTER TABLE events ALTER COLUMN id DROP NOT NULL;
