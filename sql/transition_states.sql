-- transition states: every way PostgreSQL drives an aggregate gives the
-- summary that plain SQL sums per period describe.  The states are expanded
-- objects that grow in a context of their own; these are the executor paths
-- that keep, copy, flatten, share, spill or reset them.
SET TimeZone = 'UTC';

-- 300 groups; group g has 1 + g % 40 periods, two rows in some periods,
-- integer values so that sums are exact in any order
CREATE TABLE ts_obs AS
SELECT g, date '2001-01-01' + 7 * d AS day, (g * 7 + d * 3) % 50 AS a, (g + d) % 13 + 1 AS b
FROM generate_series(1, 300) g, generate_series(0, 39) d
WHERE d <= g % 40
UNION ALL
SELECT g, date '2001-01-01' + 7 * d, 1, 2
FROM generate_series(1, 300, 3) g, generate_series(0, 39, 5) d
WHERE d <= g % 40;
ALTER TABLE ts_obs ALTER a TYPE float8, ALTER b TYPE float8;
CREATE TABLE ts_shuffled AS SELECT * FROM ts_obs ORDER BY md5(g::text || day::text || a::text);
ANALYZE ts_obs;
ANALYZE ts_shuffled;

-- the expected summaries, written as text from plain sums per period
CREATE VIEW ts_expected AS
SELECT g, format('{"version":1,"time":"date","periods":%s}',
		json_agg(json_build_array(to_char(day, 'YYYY-MM-DD'), sa, sb, n, n) ORDER BY day))::rivalry AS r,
	format('{"version":1,"time":"date","periods":%s}',
		json_agg(json_build_array(to_char(day, 'YYYY-MM-DD'), sa, n) ORDER BY day))::trend AS tr
FROM (SELECT g, day, sum(a) AS sa, sum(b) AS sb, count(*) AS n FROM ts_obs GROUP BY g, day) s
GROUP BY g;

-- "Batches: n" of a query's hash aggregate
CREATE FUNCTION hash_batches(query text) RETURNS int LANGUAGE plpgsql AS $$
DECLARE
	line text;
BEGIN
	FOR line IN EXECUTE 'EXPLAIN (ANALYZE, COSTS OFF, TIMING OFF) ' || query LOOP
		IF line ~ 'Batches: \d+' THEN
			RETURN (regexp_match(line, 'Batches: (\d+)'))[1]::int;
		END IF;
	END LOOP;
	RETURN NULL;
END $$;

-- hash aggregation, rows in time order and shuffled
SET enable_sort = off;
EXPLAIN (COSTS OFF) SELECT g, rivalry_agg(day, a, b) FROM ts_obs GROUP BY g;
SELECT count(*) AS groups, bool_and(x.r = e.r) AS rivalry_same, bool_and(x.tr = e.tr) AS trend_same
FROM (SELECT g, rivalry_agg(day, a, b) AS r, trend_agg(day, a) AS tr FROM ts_obs GROUP BY g) x
JOIN ts_expected e USING (g);
SELECT count(*) AS groups, bool_and(x.r = e.r) AS rivalry_same, bool_and(x.tr = e.tr) AS trend_same
FROM (SELECT g, rivalry_agg(day, a, b) AS r, trend_agg(day, a) AS tr FROM ts_shuffled GROUP BY g) x
JOIN ts_expected e USING (g);
RESET enable_sort;

-- sorted grouping
SET enable_hashagg = off;
EXPLAIN (COSTS OFF) SELECT g, rivalry_agg(day, a, b) FROM ts_shuffled GROUP BY g;
SELECT count(*) AS groups, bool_and(x.r = e.r) AS rivalry_same, bool_and(x.tr = e.tr) AS trend_same
FROM (SELECT g, rivalry_agg(day, a, b) AS r, trend_agg(day, a) AS tr FROM ts_shuffled GROUP BY g) x
JOIN ts_expected e USING (g);
RESET enable_hashagg;

-- hash aggregation that spills to disk: the states' memory is counted, so
-- a small work_mem forces batches, and every group is still right
SET work_mem = '64kB';
SET enable_sort = off;
SELECT hash_batches('SELECT g, rivalry_agg(day, a, b) FROM ts_shuffled GROUP BY g') > 1 AS spilled;
SELECT count(*) AS groups, bool_and(x.r = e.r) AS rivalry_same
FROM (SELECT g, rivalry_agg(day, a, b) AS r FROM ts_shuffled GROUP BY g) x
JOIN ts_expected e USING (g);
RESET enable_sort;
RESET work_mem;

-- grouping sets, hashed and sorted: the per-group and the grand summaries
SELECT count(*) FILTER (WHERE g IS NOT NULL) AS groups,
	bool_and(r = (SELECT e.r FROM ts_expected e WHERE e.g = x.g)) FILTER (WHERE g IS NOT NULL) AS groups_same,
	bool_and(r = (SELECT rollup(e.r) FROM ts_expected e)) FILTER (WHERE g IS NULL) AS total_same
FROM (SELECT g, rivalry_agg(day, a, b) AS r FROM ts_shuffled GROUP BY GROUPING SETS ((g), ())) x;
SET enable_hashagg = off;
SELECT count(*) FILTER (WHERE g IS NOT NULL) AS groups,
	bool_and(r = (SELECT e.r FROM ts_expected e WHERE e.g = x.g)) FILTER (WHERE g IS NOT NULL) AS groups_same,
	bool_and(r = (SELECT rollup(e.r) FROM ts_expected e)) FILTER (WHERE g IS NULL) AS total_same
FROM (SELECT g, rivalry_agg(day, a, b) AS r FROM ts_shuffled GROUP BY GROUPING SETS ((g), ())) x;
RESET enable_hashagg;

-- one state shared by identical aggregates, finished twice
SELECT bool_and(r1 = r2) AS shared_same, bool_and(r1 = e.r) AS expected_same,
	bool_and(n = periods(e.r)) AS periods_same
FROM (SELECT g, rivalry_agg(day, a, b) AS r1, rivalry_agg(day, a, b) AS r2,
		periods(rivalry_agg(day, a, b)) AS n
	FROM ts_shuffled GROUP BY g) x
JOIN ts_expected e USING (g);

-- DISTINCT, ORDER BY and FILTER inside the aggregate
SELECT rivalry_agg(DISTINCT day, a, b) = (SELECT rivalry_agg(day, a, b) FROM (SELECT DISTINCT day, a, b FROM ts_obs WHERE g = 4) d)
	AS distinct_same,
	rivalry_agg(day, a, b ORDER BY day DESC) = (SELECT r FROM ts_expected WHERE g = 4) AS ordered_same
FROM ts_obs WHERE g = 4;
SELECT rivalry_agg(day, a, b) FILTER (WHERE g = 7) = (SELECT r FROM ts_expected WHERE g = 7) AS filter_same
FROM ts_shuffled;

-- window frames: growing (one state kept across rows) and sliding (restarted)
SELECT count(*) AS rows, bool_and(w = (SELECT rivalry_agg(day, a, b) FROM ts_obs o2 WHERE o2.g = o.g AND o2.day <= o.day))
	AS running_same
FROM (SELECT g, day, rivalry_agg(day, a, b) OVER (PARTITION BY g ORDER BY day) AS w FROM ts_obs WHERE g <= 20) o;
SELECT count(*) AS rows, bool_and(w = (SELECT rivalry_agg(day, a, b) FROM ts_obs o2
		WHERE o2.g = o.g AND o2.day BETWEEN o.day - 14 AND o.day)) AS sliding_same
FROM (SELECT g, day, rivalry_agg(day, a, b) OVER (PARTITION BY g ORDER BY day
		RANGE BETWEEN '14 days' PRECEDING AND CURRENT ROW) AS w
	FROM ts_obs WHERE g <= 20) o;

-- a state that grows past 8 kB chunks: 5000 periods in each of 3 groups, shuffled
CREATE TABLE ts_long AS
SELECT g, 1000.0 * d AS t, (d % 17)::float8 AS a, (d % 5 + 1)::float8 AS b
FROM generate_series(1, 3) g, generate_series(1, 5000) d
ORDER BY md5(g::text || d::text);
SET enable_sort = off;
SELECT g, periods(r), r = (SELECT rivalry_agg(t, a, b ORDER BY t) FROM ts_long l2 WHERE l2.g = x.g) AS same
FROM (SELECT g, rivalry_agg(t, a, b) AS r FROM ts_long GROUP BY g) x ORDER BY g;
RESET enable_sort;

-- an aggregate of the user's with an initial state: the first row finds a
-- flat state, not one of ours
CREATE AGGREGATE seeded_rivalry(date, float8, float8) (
	SFUNC = rivalry_wide_transfn, STYPE = rivalry, FINALFUNC = rivalry_final,
	INITCOND = '{"version":1,"time":"date","periods":[["2000-06-01",5,6,1,1],["2001-01-01",1,1,1,1]]}');
SELECT seeded_rivalry(day, a, b) = rollup(r) AS seeded_same
FROM (SELECT day, a, b, NULL::rivalry AS r FROM ts_obs WHERE g = 9
	UNION ALL SELECT NULL, NULL, NULL, r FROM ts_expected WHERE g = 9
	UNION ALL SELECT NULL, NULL, NULL, '{"version":1,"time":"date","periods":[["2000-06-01",5,6,1,1],["2001-01-01",1,1,1,1]]}') s;
DROP AGGREGATE seeded_rivalry(date, float8, float8);
-- an initial state over another kind of time is refused, not misread
CREATE AGGREGATE seeded_rivalry(timestamptz, float8, float8) (
	SFUNC = rivalry_wide_transfn, STYPE = rivalry, FINALFUNC = rivalry_final,
	INITCOND = '{"version":1,"time":"date","periods":[["2000-06-01",5,6,1,1]]}');
SELECT seeded_rivalry(day, a, b) FROM ts_obs WHERE g = 9;
DROP AGGREGATE seeded_rivalry(timestamptz, float8, float8);
CREATE AGGREGATE seeded_market(timestamptz, text, float8) (
	SFUNC = market_transfn, STYPE = market, FINALFUNC = market_final,
	INITCOND = '{"version":1,"time":"date","labels":["x"],"periods":[["2020-01-01",1,1]]}');
SELECT seeded_market('2020-03-01 12:00', 'x', 1);
DROP AGGREGATE seeded_market(timestamptz, text, float8);

-- aggregates of the user's over domains of the time types: the domain's
-- base type decides, as for the extension's own aggregates
CREATE DOMAIN ts_year AS float8 CHECK (VALUE > 0);
CREATE DOMAIN ts_month AS date;
CREATE AGGREGATE ts_rivalry_by_year(ts_year, float8, float8) (
	SFUNC = rivalry_wide_transfn, STYPE = rivalry, FINALFUNC = rivalry_final, COMBINEFUNC = rivalry_combine);
CREATE AGGREGATE ts_market_by_month(ts_month, text, float8) (
	SFUNC = market_transfn, STYPE = market, FINALFUNC = market_final, COMBINEFUNC = market_combine);
SELECT ts_rivalry_by_year((2000 + g % 20)::ts_year, a, b) = rivalry_agg((2000 + g % 20)::float8, a, b) AS year_domain_same,
	ts_market_by_month(day::ts_month, 'l' || g % 3, a) = market_agg(day, 'l' || g % 3, a) AS month_domain_same
FROM ts_obs;
DROP AGGREGATE ts_rivalry_by_year(ts_year, float8, float8);
DROP AGGREGATE ts_market_by_month(ts_month, text, float8);
DROP DOMAIN ts_year;
DROP DOMAIN ts_month;

-- transition, combine, final and inverse functions called on their own, as
-- Citus and any caller through plain fmgr may: a summary of what they were
-- given, never an internal error
SELECT rivalry_wide_transfn(NULL, date '2020-01-01', 3, 1) AS one_row,
	rivalry_wide_transfn(rivalry_wide_transfn(NULL, date '2020-01-01', 3, 1), date '2020-01-01', 1, 1) AS two_rows;
SELECT rivalry_long_transfn(NULL, 2020::float8, 'x', 2, 'x', 'y') AS long_row,
	trend_transfn(NULL, timestamp '2020-01-01 12:00', 2) AS trend_row;
SELECT market_transfn(NULL, timestamptz '2020-01-01 00:00+00', 'a', 2) AS market_row;
SELECT rivalry_combine(r, r) AS doubled, rivalry_final(r) = r AS final_is_itself,
	rivalry_rolling_inverse(rivalry_combine(r, r), r) = r AS inverse_undoes,
	rivalry_rolling_inverse(r, rivalry_combine(r, r)) IS NULL AS inverse_of_more_is_null
FROM (SELECT '{"version":1,"time":"date","periods":[["2020-01-01",3,1,1,1]]}'::rivalry AS r) x;
SELECT market_combine(m, m) = (SELECT rollup(x) FROM (VALUES (m), (m)) v(x)) AS market_combine_alone,
	market_final(m) = m AS market_final_alone
FROM (SELECT '{"version":1,"time":"date","labels":["a"],"periods":[["2020-01-01",1,1]]}'::market AS m) x;
-- a C function of the user's declared over a time it cannot read: refused by name
CREATE FUNCTION ts_int_transfn(rivalry, int4, float8, float8) RETURNS rivalry
	AS '$libdir/adoption', 'rivalry_wide_transfn' LANGUAGE C;
SELECT ts_int_transfn(NULL, 1, 1, 1);
DROP FUNCTION ts_int_transfn(rivalry, int4, float8, float8);

DROP TABLE ts_long;
DROP FUNCTION hash_batches(text);
DROP VIEW ts_expected;
DROP TABLE ts_obs, ts_shuffled;
