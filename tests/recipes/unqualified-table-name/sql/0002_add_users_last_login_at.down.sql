SET lock_timeout = '5s';
ALTER TABLE public.users DROP COLUMN last_login_at;
