SET lock_timeout = '5s';
ALTER TABLE order_lines ADD COLUMN total numeric(14, 2);
CREATE FUNCTION order_lines_set_total() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    NEW.total := NEW.quantity * NEW.unit_price;
    RETURN NEW;
END
$$;
CREATE TRIGGER order_lines_set_total BEFORE INSERT OR UPDATE OF quantity, unit_price
    ON order_lines FOR EACH ROW EXECUTE FUNCTION order_lines_set_total();
