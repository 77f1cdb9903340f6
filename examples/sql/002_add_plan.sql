-- Adds a required column to a table that already holds rows.
SET lock_timeout = '2s';
ALTER TABLE accounts ADD COLUMN plan text NOT NULL;
CREATE INDEX accounts_email_idx ON accounts (email);
