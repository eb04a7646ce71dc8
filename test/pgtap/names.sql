-- Names that do not shadow PostgreSQL's: first_val / last_val (trend),
-- overall_share and leading_side (rivalry).  The old names answer the same
-- until 0.6.0, and their comments say they are deprecated.
\set ON_ERROR_STOP 1
\pset format unaligned
\pset tuples_only true
BEGIN;
CREATE EXTENSION IF NOT EXISTS pgtap;
CREATE EXTENSION adoption;

CREATE TEMP TABLE obs (g int, t date, a float8, b float8);
INSERT INTO obs VALUES
	(1, '2020-01-01', 1, 9), (1, '2020-02-01', 4, 6), (1, '2020-03-01', 7, 3),
	(2, '2020-01-01', 5, 5), (2, '2020-02-01', 2, 8),
	(3, '2020-01-01', 6, 2), (3, '2020-02-01', 4, 4);
CREATE TEMP TABLE s AS SELECT g, rivalry_agg(t, a, b) AS r, trend_agg(t, a) AS tr FROM obs GROUP BY g;

SELECT plan(9);

SELECT is((SELECT array_agg(first_val(tr) || '/' || last_val(tr) ORDER BY g) FROM s),
	(SELECT array_agg(f || '/' || l ORDER BY g) FROM (
		SELECT DISTINCT g, first_value(a) OVER w AS f, last_value(a) OVER w AS l FROM obs
		WINDOW w AS (PARTITION BY g ORDER BY t ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING)) x),
	'first_val and last_val: the first and last period''s value, as first_value() and last_value() OVER the rows');
SELECT is((SELECT array_agg(first_value(tr) || '/' || last_value(tr) ORDER BY g) FROM s),
	(SELECT array_agg(first_val(tr) || '/' || last_val(tr) ORDER BY g) FROM s),
	'first_value(trend) and last_value(trend) still answer, deprecated');
SELECT is((SELECT array_agg(overall_share(r) ORDER BY g) FROM s),
	(SELECT array_agg(sa / (sa + sb) ORDER BY g) FROM (SELECT g, sum(a) sa, sum(b) sb FROM obs GROUP BY g) x),
	'overall_share(r): sum(a) / (sum(a) + sum(b))');
SELECT is((SELECT array_agg(share(r) ORDER BY g) FROM s), (SELECT array_agg(overall_share(r) ORDER BY g) FROM s),
	'share(rivalry) still answers the same, deprecated');
SELECT is((SELECT array_agg(coalesce(leading_side(r), 'tie') ORDER BY g) FROM s), ARRAY['a', 'b', 'tie'],
	'leading_side(r): ''a'', ''b'', or NULL on a tie, in the last period');
SELECT is((SELECT array_agg(leader(r) ORDER BY g) FROM s), ARRAY[1, 2, 0],
	'leader(rivalry) still answers 1, 2 or 0, deprecated');
SELECT is((SELECT array_agg(x ORDER BY t) FROM (
		SELECT t, round(share(a) OVER (PARTITION BY g)::numeric, 4) AS x FROM obs WHERE g = 2) w),
	ARRAY[0.7143, 0.2857], 'share(value) OVER (...), PostgreSQL''s window call, is the window function');
SELECT is_empty($$ SELECT p.oid::regprocedure FROM pg_proc p
	WHERE p.oid IN ('first_value(trend)'::regprocedure, 'last_value(trend)'::regprocedure,
					'share(rivalry)'::regprocedure, 'leader(rivalry)'::regprocedure)
	  AND obj_description(p.oid, 'pg_proc') NOT LIKE 'deprecated (removed in 0.6.0): %' $$,
	'each old name''s comment says it is deprecated and what replaces it');
SELECT is((SELECT string_agg(proname, ',' ORDER BY proname) FROM pg_proc
	WHERE proname IN ('first_val', 'last_val', 'overall_share', 'leading_side')
	  AND prokind = 'f' AND pronamespace = (SELECT extnamespace FROM pg_extension WHERE extname = 'adoption')),
	'first_val,last_val,leading_side,overall_share', 'the new names are not PostgreSQL window functions''');

SELECT * FROM finish();
ROLLBACK;
