CREATE INDEX CONCURRENTLY IF NOT EXISTS clicks_event_idx ON clicks (event_id, event_at);
