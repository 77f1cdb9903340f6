DROP TABLE audit_log;
DROP SCHEMA archive;
