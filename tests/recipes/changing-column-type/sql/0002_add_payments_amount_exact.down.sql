SET lock_timeout = '5s';
DROP TRIGGER payments_copy_amount ON payments;
DROP FUNCTION payments_copy_amount();
ALTER TABLE payments DROP COLUMN amount_exact;
