DROP DOMAIN legacy_code;
