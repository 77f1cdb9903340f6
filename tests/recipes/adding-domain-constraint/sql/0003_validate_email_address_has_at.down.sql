-- Back to a check that only new values have passed.
ALTER DOMAIN email_address DROP CONSTRAINT email_address_has_at;
ALTER DOMAIN email_address ADD CONSTRAINT email_address_has_at CHECK (VALUE LIKE '%@%') NOT VALID;
