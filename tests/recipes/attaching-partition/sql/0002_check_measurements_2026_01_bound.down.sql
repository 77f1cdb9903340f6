SET lock_timeout = '5s';
ALTER TABLE measurements_2026_01 DROP CONSTRAINT measurements_2026_01_bound;
