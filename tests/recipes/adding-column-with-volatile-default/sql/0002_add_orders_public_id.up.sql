SET lock_timeout = '5s';
ALTER TABLE orders ADD COLUMN public_id uuid;
-- Set apart from the ADD, the default applies to new rows only: no rewrite.
ALTER TABLE orders ALTER COLUMN public_id SET DEFAULT gen_random_uuid();
