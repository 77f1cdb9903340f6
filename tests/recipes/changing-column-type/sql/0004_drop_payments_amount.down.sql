SET lock_timeout = '5s';
ALTER TABLE payments ADD COLUMN amount integer;
UPDATE payments SET amount = amount_exact;
ALTER TABLE payments ALTER COLUMN amount SET NOT NULL;
CREATE FUNCTION payments_copy_amount() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    NEW.amount_exact := NEW.amount;
    RETURN NEW;
END
$$;
CREATE TRIGGER payments_copy_amount BEFORE INSERT OR UPDATE OF amount
    ON payments FOR EACH ROW EXECUTE FUNCTION payments_copy_amount();
