SET lock_timeout = '5s';
ALTER TABLE events ALTER COLUMN id SET NOT NULL;
ALTER TABLE events DROP CONSTRAINT events_id_not_null;
