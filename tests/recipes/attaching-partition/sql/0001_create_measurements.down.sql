DROP TABLE measurements_2026_01;
DROP TABLE measurements;
