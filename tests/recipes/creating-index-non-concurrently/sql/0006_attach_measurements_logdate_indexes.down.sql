-- An attached index cannot be detached: rebuild the parent's index unattached.
SET lock_timeout = '5s';
DROP INDEX measurements_logdate_idx;
CREATE INDEX measurements_logdate_idx ON ONLY measurements (logdate);
CREATE INDEX measurements_2026_01_logdate_idx ON measurements_2026_01 (logdate);
CREATE INDEX measurements_2026_02_logdate_idx ON measurements_2026_02 (logdate);
