ALTER TABLE invoices VALIDATE CONSTRAINT invoices_number_not_null;
