DROP FUNCTION order_tax(numeric);
