CREATE INDEX CONCURRENTLY IF NOT EXISTS measurements_2026_02_logdate_idx ON measurements_2026_02 (logdate);
