CREATE TABLE measurements (
    logdate date NOT NULL,
    reading numeric NOT NULL
) PARTITION BY RANGE (logdate);
-- Filled on its own before it joins the partitioned table.
CREATE TABLE measurements_2026_01 (
    logdate date NOT NULL,
    reading numeric NOT NULL
);
