SET lock_timeout = '5s';
ALTER INDEX measurements_logdate_idx ATTACH PARTITION measurements_2026_01_logdate_idx;
ALTER INDEX measurements_logdate_idx ATTACH PARTITION measurements_2026_02_logdate_idx;
