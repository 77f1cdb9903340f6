SET lock_timeout = '5s';
-- migcheck:ignore dropping-domain its columns moved to text in release 40
DROP DOMAIN legacy_code;
