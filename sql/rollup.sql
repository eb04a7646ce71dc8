-- summaries of summaries: =, <>, rollup(), rolling(), rebucket()
SET TimeZone = 'UTC';

CREATE TABLE so_rollup (month date, tag text, posts float8);
\copy so_rollup FROM 'data/stackoverflow_tag_posts_monthly.csv' WITH (FORMAT csv, HEADER true)

-- monthly summaries per tag pair, stored as a materialized view would
CREATE TABLE monthly AS
SELECT month, rivalry_agg(month, tag, posts, 'python', 'java') AS r,
	trend_agg(month, posts) FILTER (WHERE tag = 'python') AS python
FROM so_rollup GROUP BY month;

-- equality: the same observations give equal summaries, in any order
SELECT (SELECT rivalry_agg(month, tag, posts, 'python', 'java') FROM so_rollup)
	 = (SELECT rivalry_agg(month, tag, posts, 'python', 'java' ORDER BY md5(month::text || tag)) FROM so_rollup) AS equal,
	(SELECT rivalry_agg(month, tag, posts, 'python', 'java') FROM so_rollup)
	<> (SELECT rivalry_agg(month, tag, posts, 'java', 'python') FROM so_rollup) AS swapped_differ,
	'{"version":1,"time":"number","periods":[[1,1,1]]}'::trend = '{"version":1,"time":"number","periods":[[1,1,2]]}'::trend AS rows_count,
	'{"version":1,"time":"number","periods":[[1,1,1]]}'::trend = '{"version":1,"time":"date","periods":[]}'::trend AS kinds,
	NULL::trend = '{"version":1,"time":"date","periods":[]}'::trend AS with_null;
SELECT count(*) AS distinct_from FROM monthly a JOIN monthly b ON a.month < b.month WHERE a.r IS NOT DISTINCT FROM b.r;

-- rollup of the monthly summaries is the summary of all rows
SELECT rollup(r) = (SELECT rivalry_agg(month, tag, posts, 'python', 'java') FROM so_rollup) AS rollup_equals_whole,
	rollup(python) = (SELECT trend_agg(month, posts) FROM so_rollup WHERE tag = 'python') AS trend_rollup_equals_whole
FROM monthly;
-- months into years: rollup per year equals the yearly aggregate
SELECT count(*) AS years, bool_and(y.r = x.r) AS all_equal
FROM (SELECT date_trunc('year', month) AS year, rollup(r) AS r FROM monthly GROUP BY 1) y
JOIN (SELECT date_trunc('year', month) AS year, rivalry_agg(month, tag, posts, 'python', 'java') AS r FROM so_rollup GROUP BY 1) x USING (year);
-- overlapping summaries add up: the same rows twice double every sum and count
SELECT rollup(r) FROM (VALUES ('{"version":1,"time":"number","periods":[[1,1,2,1,1],[3,0,1,0,1]]}'::rivalry),
	('{"version":1,"time":"number","periods":[[1,1,2,1,1],[2,5,5,1,1]]}')) v(r);
-- NULLs are skipped; empty input is NULL
SELECT rollup(r) IS NULL AS empty FROM monthly WHERE false;
SELECT rollup(r) FROM (VALUES (NULL::rivalry), ('{"version":1,"time":"number","periods":[[1,1,2,1,1]]}')) v(r);
-- different kinds of time do not merge
SELECT rollup(r) FROM (VALUES ('{"version":1,"time":"number","periods":[[1,1,2,1,1]]}'::rivalry),
	('{"version":1,"time":"date","periods":[["2020-01-01",1,2,1,1]]}')) v(r);

-- rolling twelve months: the window's inverse removes the month leaving the frame
CREATE TABLE rolled AS
SELECT month, rolling(r) OVER w AS r12, rolling(python) OVER w AS python12
FROM monthly WINDOW w AS (ORDER BY month ROWS 11 PRECEDING);
SELECT count(*) AS months, bool_and(r12 = (SELECT rivalry_agg(s.month, tag, posts, 'python', 'java') FROM so_rollup s
		WHERE s.month > rolled.month - interval '1 year' AND s.month <= rolled.month)) AS all_equal,
	bool_and(python12 = (SELECT trend_agg(s.month, posts) FROM so_rollup s WHERE tag = 'python'
		AND s.month > rolled.month - interval '1 year' AND s.month <= rolled.month)) AS trend_all_equal,
	max(periods(r12)) AS max_periods
FROM rolled;
-- fractional values: exact subtraction is not possible, the frame is recomputed
SELECT t, rolling(r) OVER (ORDER BY t ROWS 1 PRECEDING) AS r2
FROM (VALUES (1, '{"version":1,"time":"number","periods":[[1,0.1,0.2,1,1]]}'::rivalry),
	(2, '{"version":1,"time":"number","periods":[[1,0.7,0.3,1,1]]}'),
	(3, '{"version":1,"time":"number","periods":[[2,1,1,1,1]]}')) v(t, r);
-- the same frame computed both ways
SELECT bool_and(a = b) AS moving_equals_recomputed FROM (
	SELECT rolling(r) OVER (ORDER BY month ROWS 5 PRECEDING) AS a,
		rollup(r) OVER (ORDER BY month ROWS 5 PRECEDING) AS b
	FROM monthly) x;

-- rebucket: months into quarters and years, as date_trunc does
SELECT rebucket(r, '1 year') = (SELECT rivalry_agg(date_trunc('year', month)::date, tag, posts, 'python', 'java') FROM so_rollup) AS years,
	rebucket(r, '3 months') = (SELECT rivalry_agg(date_trunc('quarter', month)::date, tag, posts, 'python', 'java') FROM so_rollup) AS quarters,
	rebucket(r, '1 month') = r AS months_unchanged,
	periods(rebucket(r, '1 year')) AS year_periods
FROM (SELECT rollup(r) r FROM monthly) x;
SELECT rebucket('{"version":1,"time":"timestamptz","periods":[["2020-01-01 10:00:00+00",1,2,1,1],["2020-01-01 23:59:59.999999+00",1,2,1,1],["2020-01-02 00:00:00+00",1,1,1,1]]}'::rivalry, '1 day');
SELECT rebucket('{"version":1,"time":"date","periods":[["2020-01-01",1,1],["2020-01-05",1,1],["2020-01-06",1,1]]}'::trend, '7 days');
SELECT rebucket('{"version":1,"time":"timestamp","periods":[["2020-06-01 00:00:00",1,2,1,1]]}'::rivalry, '10 years');
SELECT rebucket('{"version":1,"time":"date","periods":[["2020-06-01",1,1],["2999-06-01",1,1]]}'::trend, '1000 years')::text AS millennia,
	rebucket('{"version":1,"time":"date","periods":[["2020-06-01",1,1],["2199-06-01",1,1]]}'::trend, '100 years')::text AS centuries;
SELECT rebucket('{"version":1,"time":"timestamptz","periods":[["2020-01-01 10:00:00+00",1,2,1,1],["2020-01-01 10:59:59+00",1,2,1,1],["2020-01-01 11:00:00+00",1,1,1,1]]}'::rivalry, '1 hour');
SELECT rebucket('{"version":1,"time":"timestamptz","periods":[["2020-01-01 10:00:00+00",1,2,1,1]]}'::rivalry, '1 month 1 hour');
SELECT rebucket(r, '83 months') FROM monthly LIMIT 1;
SELECT rebucket(r, '2 months') FROM monthly LIMIT 1;
SELECT rebucket(r, '1 year 1 day') FROM monthly LIMIT 1;
SELECT rebucket('{"version":1,"time":"number","periods":[[2019,1,1]]}'::trend, '1 year');

-- rollup in parallel equals rollup serial
SET parallel_setup_cost = 0;
SET parallel_tuple_cost = 0;
SET min_parallel_table_scan_size = 0;
SET max_parallel_workers_per_gather = 2;
SET parallel_leader_participation = off;
EXPLAIN (COSTS OFF) SELECT rollup(r) FROM monthly;
SELECT rollup(r) = (SELECT rivalry_agg(month, tag, posts, 'python', 'java') FROM so_rollup) AS parallel_rollup_equals FROM monthly;
