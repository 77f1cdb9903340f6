-- Without CASCADE: a forgotten object makes this fail instead of vanishing.
DROP SCHEMA reporting;
