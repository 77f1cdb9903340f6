SET lock_timeout = '5s';
ALTER TABLE public.users ADD COLUMN last_login_at timestamptz;
