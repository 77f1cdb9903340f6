SET lock_timeout = '5s';
CREATE INDEX IF NOT EXISTS measurements_logdate_idx ON ONLY measurements (logdate);
