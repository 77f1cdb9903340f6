DROP TABLE reporting.daily_totals;
DROP SCHEMA reporting;
