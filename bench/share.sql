-- share(value) OVER (PARTITION BY period) against the plain SQL a user would
-- write, value / sum(value) OVER (PARTITION BY period), on 10 million rows
-- of (period, framework, value): 1 million periods, 10 frameworks.
-- A ratio below 1 means share() is faster.

\pset footer off
CREATE TABLE share_obs AS
SELECT date '2000-01-01' + (i / 10) AS period, 'framework' || (i % 10) AS framework,
	(random() * 1000)::int::float8 AS value
FROM generate_series(0, 9999999) i;
VACUUM ANALYZE share_obs;

SELECT * FROM bench_compare('share() OVER (PARTITION BY period), 10M rows',
	$$ SELECT sum(s) FROM (SELECT share(value) OVER (PARTITION BY period) s FROM share_obs) x $$,
	$$ SELECT sum(s) FROM (SELECT value / sum(value) OVER (PARTITION BY period) s FROM share_obs) x $$);

DROP TABLE share_obs;
