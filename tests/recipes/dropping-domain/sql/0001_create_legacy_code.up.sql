CREATE DOMAIN legacy_code AS text;
