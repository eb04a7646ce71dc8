-- Summaries as keys: a hash operator class over the canonical bytes makes
-- DISTINCT, UNION, GROUP BY and hash joins work over rivalry, trend and
-- market; equal summaries hash alike however they were made.
\set ON_ERROR_STOP 1
\pset format unaligned
\pset tuples_only true
BEGIN;
CREATE EXTENSION IF NOT EXISTS pgtap;
CREATE EXTENSION adoption;

CREATE TEMP TABLE obs (g int, t date, label text, a float8, b float8);
INSERT INTO obs SELECT g, make_date(2020, 1, 1) + make_interval(months => m), l,
	(g % 4) * 10 + m, 100 - m
FROM generate_series(1, 20) g, generate_series(0, 11) m, unnest(ARRAY['x', 'y', 'z']) l;
-- groups g and g + 4 have the same rows: 4 distinct summaries of each kind
CREATE TEMP TABLE s AS
SELECT g, rivalry_agg(t, a, b) AS r, trend_agg(t, a) AS tr, market_agg(t, label, a) AS m
FROM obs GROUP BY g;

CREATE FUNCTION pg_temp.plan_of(statement text) RETURNS SETOF text LANGUAGE plpgsql AS $$
BEGIN
	RETURN QUERY EXECUTE 'EXPLAIN (COSTS OFF) ' || statement;
END $$;

SELECT plan(13);

SELECT is((SELECT count(*) FROM (SELECT DISTINCT r FROM s) d), 4::bigint, 'SELECT DISTINCT rivalry');
SELECT is((SELECT count(*) FROM (SELECT DISTINCT tr FROM s) d), 4::bigint, 'SELECT DISTINCT trend');
SELECT is((SELECT count(*) FROM (SELECT DISTINCT m FROM s) d), 4::bigint, 'SELECT DISTINCT market');
SELECT is((SELECT count(*) FROM (SELECT r FROM s UNION SELECT r::text::rivalry FROM s) u), 4::bigint,
	'UNION of rivalries, one side through text');
SELECT is((SELECT count(*) FROM (SELECT m FROM s UNION SELECT market_agg(t, label, a) FROM (
		SELECT * FROM obs ORDER BY label DESC, t DESC) o GROUP BY g) u), 4::bigint,
	'UNION of markets built from rows in two orders');
SELECT is((SELECT array_agg(n ORDER BY n) FROM (SELECT count(*) AS n FROM s GROUP BY tr) x), ARRAY[5, 5, 5, 5]::bigint[],
	'GROUP BY trend');
SET LOCAL enable_mergejoin = off;
SET LOCAL enable_nestloop = off;
SELECT ok((SELECT count(*) FROM s s1 JOIN s s2 ON s1.r = s2.r) = 100
	AND (SELECT count(*) FROM s s1 JOIN s s2 ON s1.m = s2.m) = 100,
	'hash joins on rivalry and on market: each of 20 matches its 5 equals');
SELECT is((SELECT count(*) FROM s s1 JOIN s s2 ON s1.tr = s2.tr), 100::bigint, 'a hash join on trend');
SELECT ok((SELECT bool_or(plan LIKE '%Hash Join%') FROM pg_temp.plan_of(
		'SELECT * FROM s s1 JOIN s s2 ON s1.tr = s2.tr') plan), 'and the plan is a hash join');
RESET enable_mergejoin;
RESET enable_nestloop;
SELECT is_empty($$ SELECT * FROM s WHERE rivalry_hash(r) <> rivalry_hash(r::text::rivalry)
	OR rivalry_hash_extended(r, 7) <> rivalry_hash_extended((SELECT rollup(x.r) FROM s x WHERE x.g = s.g), 7)
	OR trend_hash(tr) <> trend_hash(tr::text::trend)
	OR market_hash(m) <> market_hash(m::text::market) $$,
	'equal summaries hash alike: through text, through rollup()');
SELECT is((SELECT count(DISTINCT rivalry_hash(r)) FROM s), 4::bigint, 'the four different rivalries hash apart');
SELECT isnt((SELECT rivalry_hash_extended(r, 0) FROM s WHERE g = 1), (SELECT rivalry_hash_extended(r, 1) FROM s WHERE g = 1),
	'the extended hash depends on its seed');
SELECT is((SELECT array_agg(opcname::text ORDER BY opcname) FROM pg_opclass
	WHERE opcmethod = (SELECT oid FROM pg_am WHERE amname = 'hash') AND opcdefault
	  AND opcintype IN ('rivalry'::regtype, 'trend'::regtype, 'market'::regtype)),
	ARRAY['market_hash_ops', 'rivalry_hash_ops', 'trend_hash_ops'], 'each type has a default hash operator class');

SELECT * FROM finish();
ROLLBACK;
