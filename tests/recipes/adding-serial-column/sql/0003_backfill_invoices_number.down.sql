UPDATE invoices SET number = NULL WHERE number IS NOT NULL;
