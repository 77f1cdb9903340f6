SET lock_timeout = '5s';
-- migcheck:ignore setting-schema every release still running names archive.audit_log (since 41)
ALTER TABLE audit_log SET SCHEMA archive;
