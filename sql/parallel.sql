-- parallel aggregation: Partial Aggregate on workers, combined in the leader
SET TimeZone = 'UTC';
CREATE TABLE big AS
SELECT date '2000-01-01' + (i % 300) AS day, (i % 3)::text AS series,
	(i % 7)::float8 AS a, (i % 11)::float8 AS b
FROM generate_series(1, 200000) i;
ANALYZE big;

CREATE TABLE serial AS
SELECT (SELECT rivalry_agg(day, a, b)::text FROM big) AS r,
	(SELECT trend_agg(day, a)::text FROM big) AS tr,
	(SELECT rivalry_agg(day, series, a, '1', '2')::text FROM big) AS r_long,
	(SELECT rivalry_agg(day, a, b)::text FROM big WHERE a > 100) AS r_none;

SET parallel_setup_cost = 0;
SET parallel_tuple_cost = 0;
SET min_parallel_table_scan_size = 0;
SET max_parallel_workers_per_gather = 2;
SET parallel_leader_participation = off;

EXPLAIN (COSTS OFF) SELECT rivalry_agg(day, a, b) FROM big;
EXPLAIN (COSTS OFF) SELECT trend_agg(day, a) FROM big;
EXPLAIN (COSTS OFF) SELECT series, rivalry_agg(day, a, b) FROM big GROUP BY series;

SELECT (SELECT rivalry_agg(day, a, b)::text FROM big) = r AS rivalry_same,
	(SELECT trend_agg(day, a)::text FROM big) = tr AS trend_same,
	(SELECT rivalry_agg(day, series, a, '1', '2')::text FROM big) = r_long AS long_same,
	(SELECT rivalry_agg(day, a, b)::text FROM big WHERE a > 100) IS NULL AND r_none IS NULL AS none_same
FROM serial;
-- grouped: each group equals its serial summary
SELECT series, rivalry_agg(day, a, b)::text = (SELECT rivalry_agg(day, a, b)::text FROM big b2 WHERE b2.series = b1.series) AS same
FROM big b1 GROUP BY series ORDER BY series;
-- accessors agree too
SELECT parity_point(rivalry_agg(day, a, b)) = (SELECT parity_point(r::rivalry) FROM serial) AS parity_same FROM big;
