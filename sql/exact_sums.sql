-- exact sums: a summary is the same bits whatever the row order, the plan
-- or the merge tree; sums beyond double precision and counts beyond
-- bigint are errors when they happen; whatever a function returns, the
-- type's own input takes back.
SET TimeZone = 'UTC';
\pset null '(null)'

-- adversarial values: 1e15 next to 0.1, 1e-300, values straddling a rounding
-- boundary; 40 periods, 50 rows each, over both series (the same formula as
-- test/reference/exact_sums.py, which sums them exactly with fractions)
CREATE TABLE es_rows AS
SELECT p, ('{1e15, 0.1, 1e-300, 1.0000000000000002, 1.1102230246251565e-16, 0.3333333333333333,
		1e15, 0.7, 1e-300, 2.5}'::float8[])[1 + (p * 7 + r) % 10] AS a,
	('{0.1, 0.2, 0.3, 1e-300, 1e15, 0.7}'::float8[])[1 + (p + r * 3) % 6] AS b, r
FROM generate_series(1, 40) p, generate_series(1, 50) r;

-- the same rows in five orders, one summary each
CREATE TABLE es_orders AS
SELECT o, rivalry_agg(p, a, b) AS r, trend_agg(p, a) AS tr, market_agg(p, 'l' || (r % 3), a) AS m
FROM generate_series(1, 5) o,
	LATERAL (SELECT * FROM es_rows ORDER BY md5(o::text || p::text || r::text)) x
GROUP BY o;
SELECT count(DISTINCT r::text) AS rivalries, count(DISTINCT tr::text) AS trends,
	count(DISTINCT m::text) AS markets, bool_and(r = (SELECT r FROM es_orders WHERE o = 1)) AS all_equal
FROM es_orders;
-- and exactly the sums the rows add up to, as Python's fractions say
CREATE TABLE es_expected (p int, series text, components float8[]);
\copy es_expected FROM 'test/reference/exact_sums.csv' WITH (FORMAT csv, HEADER true)
SELECT count(*) AS sums, bool_and(e.components = o.components) AS all_exact,
	count(*) FILTER (WHERE cardinality(e.components) > 1) AS with_tails
FROM es_expected e JOIN (
	SELECT (x->>0)::int AS p, s.series,
		CASE json_typeof(x->s.at) WHEN 'array' THEN ARRAY(SELECT v::float8 FROM json_array_elements_text(x->s.at) v)
			ELSE ARRAY[(x->>s.at)::float8] END AS components
	FROM es_orders, json_array_elements((r::text::json)->'periods') x, (VALUES ('a', 1), ('b', 2)) s(series, at)
	WHERE o = 1) o USING (p, series);
SELECT (SELECT r::text FROM es_orders WHERE o = 1) ~ '"version":2' AS has_exact_tails;

-- merge trees: halves, thirds, or all at once
SELECT (SELECT rollup(r) FROM (SELECT rivalry_agg(p, a, b) r FROM es_rows GROUP BY r % 2) x) =
	(SELECT rollup(r) FROM (SELECT rivalry_agg(p, a, b) r FROM es_rows GROUP BY r % 3) x) AND
	(SELECT rollup(r) FROM (SELECT rivalry_agg(p, a, b) r FROM es_rows GROUP BY r % 3) x) =
	(SELECT r FROM es_orders WHERE o = 1) AS merge_trees_agree;
SELECT (SELECT rollup(m) FROM (SELECT market_agg(p, 'l' || (r % 3), a) m FROM es_rows GROUP BY r % 4) x) =
	(SELECT m FROM es_orders WHERE o = 1) AS markets_merge_alike;

-- parallel workers sum in their own order: still equal
CREATE TABLE es_big AS SELECT a.* FROM es_rows a, generate_series(1, 200) k;
ANALYZE es_big;
SET parallel_setup_cost = 0;
SET parallel_tuple_cost = 0;
SET min_parallel_table_scan_size = 0;
SET max_parallel_workers_per_gather = 2;
SET parallel_leader_participation = off;
EXPLAIN (COSTS OFF) SELECT rivalry_agg(p, a, b) FROM es_big;
CREATE TEMP TABLE es_parallel AS SELECT rivalry_agg(p, a, b) AS r, market_agg(p, 'x', b) AS m FROM es_big;
RESET max_parallel_workers_per_gather;
RESET parallel_leader_participation;
SET max_parallel_workers_per_gather = 0;
SELECT (SELECT r FROM es_parallel) = rivalry_agg(p, a, b) AS parallel_equals_serial,
	(SELECT m FROM es_parallel) = market_agg(p, 'x', b) AS market_too
FROM es_big;
RESET max_parallel_workers_per_gather;

-- rolling() equals rollup() over the same frame, always (the issue's case)
CREATE TABLE es_roll (i int, r rivalry);
INSERT INTO es_roll SELECT 1, rivalry_agg(1::float8, 1e15, 1);
INSERT INTO es_roll SELECT 2, rivalry_agg(1::float8, 0.3, 1);
INSERT INTO es_roll SELECT 3, rivalry_agg(1::float8, 0.8, 1);
INSERT INTO es_roll SELECT 4, rivalry_agg(1::float8, 0, 1);
SELECT i, rolling(r) OVER w = rollup(r) OVER w AS equal, rolling(r) OVER w
FROM es_roll WINDOW w AS (ORDER BY i ROWS 2 PRECEDING);
-- and over the es_rows rows, frames of every width, markets too, and markets
-- whose labels leave the frame (a label of its own per period)
CREATE TABLE es_by_period AS SELECT p, rivalry_agg(p, a, b) AS r, market_agg(p, 'l' || (r % 3), a) AS m,
	market_agg(p, 'p' || p, a) AS lm
FROM es_rows GROUP BY p;
SELECT width, bool_and(rl = ru) AS rolling_equals_rollup, bool_and(ml = mu) AS markets_too,
	bool_and(lml = lmu) AS labels_leaving
FROM generate_series(1, 6) width, LATERAL (
	SELECT rolling(r) OVER (ORDER BY p ROWS BETWEEN width PRECEDING AND CURRENT ROW) AS rl,
		rollup(r) OVER (ORDER BY p ROWS BETWEEN width PRECEDING AND CURRENT ROW) AS ru,
		rolling(m) OVER (ORDER BY p ROWS BETWEEN width PRECEDING AND CURRENT ROW) AS ml,
		rollup(m) OVER (ORDER BY p ROWS BETWEEN width PRECEDING AND CURRENT ROW) AS mu,
		rolling(lm) OVER (ORDER BY p ROWS BETWEEN width PRECEDING AND CURRENT ROW) AS lml,
		rollup(lm) OVER (ORDER BY p ROWS BETWEEN width PRECEDING AND CURRENT ROW) AS lmu
	FROM es_by_period) x
GROUP BY width ORDER BY width;

-- whatever a summary holds, its text and its binary form read back equal
SELECT bool_and(r::text::rivalry = r) AS rivalries, bool_and(tr::text::trend = tr) AS trends,
	bool_and(m::text::market = m) AS markets
FROM es_orders;
CREATE TABLE es_payload (p int, r rivalry, m market);
INSERT INTO es_payload SELECT p, r, m FROM es_by_period;
\copy es_payload TO 'results/exact_payload.bin' WITH (FORMAT binary)
CREATE TABLE es_received (LIKE es_payload);
\copy es_received FROM 'results/exact_payload.bin' WITH (FORMAT binary)
SELECT count(*) AS rows, bool_and(s.r = q.r AND s.m = q.m) AS binary_round_trip
FROM es_payload s JOIN es_received q USING (p);

-- sums beyond double precision and counts beyond bigint: 22003, when they happen
SELECT rivalry_agg(1::float8, 1e308, 1) FROM generate_series(1, 2);
SELECT trend_agg(date '2020-01-01', 1.7e308) FROM generate_series(1, 2);
SELECT market_agg(date '2020-01-01', 'x', 1.7e308) FROM generate_series(1, 2);
SELECT rollup(r) FROM (VALUES ('{"version":1,"time":"number","periods":[[1,1,1,4611686018427387904,1]]}'::rivalry),
	('{"version":1,"time":"number","periods":[[1,1,1,4611686018427387904,1]]}'::rivalry)) v(r);
SELECT rollup(r) FROM (VALUES ('{"version":1,"time":"number","periods":[[1,1.7e308,1,1,1]]}'::rivalry),
	('{"version":1,"time":"number","periods":[[1,1.7e308,1,1,1]]}'::rivalry)) v(r);
SELECT rebucket('{"version":1,"time":"date","periods":[["2020-01-01",1.7e308,1],["2020-01-02",1.7e308,1]]}'::trend, '1 month');
SELECT rebucket('{"version":1,"time":"date","periods":[["2020-01-01",1,9223372036854775807],["2020-01-02",1,1]]}'::trend, '1 month');
-- a period whose series together pass bigint: refused, as its text would be
SELECT rollup(r) FROM (VALUES ('{"version":1,"time":"number","periods":[[1,1,1,4611686018427387904,4611686018427387903]]}'::rivalry),
	('{"version":1,"time":"number","periods":[[1,0,1,0,1]]}'::rivalry)) v(r);
SELECT '{"version":1,"time":"number","periods":[[1,1,1,4611686018427387904,4611686018427387904]]}'::rivalry;
-- just below the limit is fine, and reads back
SELECT r, r::text::rivalry = r AS round_trips
FROM (SELECT rollup(r) AS r FROM (VALUES ('{"version":1,"time":"number","periods":[[1,8.988465674311579e+307,0,1,0]]}'::rivalry),
	('{"version":1,"time":"number","periods":[[1,8.988465674311579e+307,0,1,0]]}'::rivalry)) v(r)) x;
SELECT 'still up' AS server;
