SET lock_timeout = '5s';
CREATE SEQUENCE events_id_seq AS bigint;
ALTER TABLE events ADD COLUMN id bigint;
ALTER TABLE events ALTER COLUMN id SET DEFAULT nextval('events_id_seq');
ALTER SEQUENCE events_id_seq OWNED BY events.id;
