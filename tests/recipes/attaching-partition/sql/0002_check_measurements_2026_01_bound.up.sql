SET lock_timeout = '5s';
ALTER TABLE measurements_2026_01 ADD CONSTRAINT measurements_2026_01_bound
    CHECK (logdate IS NOT NULL AND logdate >= DATE '2026-01-01' AND logdate < DATE '2026-02-01') NOT VALID;
