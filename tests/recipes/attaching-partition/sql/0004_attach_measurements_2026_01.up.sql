SET lock_timeout = '5s';
ALTER TABLE measurements ATTACH PARTITION measurements_2026_01
    FOR VALUES FROM ('2026-01-01') TO ('2026-02-01');
-- migcheck:ignore dropping-constraint the partition bound now guarantees what the check did
ALTER TABLE measurements_2026_01 DROP CONSTRAINT measurements_2026_01_bound;
