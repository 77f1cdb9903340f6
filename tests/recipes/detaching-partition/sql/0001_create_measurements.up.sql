CREATE TABLE measurements (
    logdate date NOT NULL,
    reading numeric NOT NULL
) PARTITION BY RANGE (logdate);
CREATE TABLE measurements_2026_01 PARTITION OF measurements
    FOR VALUES FROM ('2026-01-01') TO ('2026-02-01');
CREATE TABLE measurements_2026_02 PARTITION OF measurements
    FOR VALUES FROM ('2026-02-01') TO ('2026-03-01');
