CREATE TABLE audit_log_staging (logged_at timestamptz NOT NULL);
INSERT INTO audit_log_staging VALUES ('2026-01-01 00:00:00+00');
INSERT INTO audit_log (logged_at) SELECT logged_at FROM audit_log_staging;
-- Created in this migration: nobody else can be using it.
TRUNCATE audit_log_staging;
DROP TABLE audit_log_staging;
