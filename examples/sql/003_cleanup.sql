-- Renames and drops that break the application version still running.
ALTER TABLE accounts RENAME COLUMN email TO primary_email;
ALTER TABLE accounts
    ALTER COLUMN plan TYPE varchar(20),
    DROP COLUMN legacy_flags;
DROP TABLE account_audit;
