SET lock_timeout = '5s';
CREATE SEQUENCE events_id_seq AS bigint OWNED BY events.id;
SELECT setval('events_id_seq', nextval(pg_get_serial_sequence('events', 'id')));
ALTER TABLE events ALTER COLUMN id DROP IDENTITY,
    ALTER COLUMN id SET DEFAULT nextval('events_id_seq');
