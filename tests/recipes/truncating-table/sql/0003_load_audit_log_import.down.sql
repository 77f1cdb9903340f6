DELETE FROM audit_log WHERE logged_at = '2026-01-01 00:00:00+00';
