ALTER DOMAIN email_address DROP CONSTRAINT email_address_has_at;
