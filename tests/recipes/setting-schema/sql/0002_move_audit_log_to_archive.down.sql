ALTER TABLE archive.audit_log SET SCHEMA public;
