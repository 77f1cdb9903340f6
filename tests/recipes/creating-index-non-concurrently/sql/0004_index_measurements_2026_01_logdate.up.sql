CREATE INDEX CONCURRENTLY IF NOT EXISTS measurements_2026_01_logdate_idx ON measurements_2026_01 (logdate);
