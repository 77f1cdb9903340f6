CREATE FUNCTION order_tax(total numeric) RETURNS numeric
    LANGUAGE sql IMMUTABLE AS 'SELECT total * 0.2';
