SET lock_timeout = '5s';
DROP INDEX IF EXISTS measurements_logdate_idx;
