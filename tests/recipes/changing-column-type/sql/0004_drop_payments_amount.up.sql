SET lock_timeout = '5s';
DROP TRIGGER payments_copy_amount ON payments;
DROP FUNCTION payments_copy_amount();
-- migcheck:ignore dropping-column release 42 reads and writes amount_exact only, and 41 is gone
ALTER TABLE payments DROP COLUMN amount;
