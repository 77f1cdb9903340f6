CREATE TABLE reporting.daily_totals (
    day date PRIMARY KEY,
    total numeric NOT NULL
);
