-- summary + summary merges, summary - summary takes rows away exactly, for
-- rivalry, trend and market: equal (=, bit for bit) to the aggregate of the
-- rows that result, whatever the order; NULL is the identity; every way a
-- subtraction can be refused is 22023.
\set ON_ERROR_STOP 1
\pset format unaligned
\pset tuples_only true
BEGIN;
CREATE EXTENSION IF NOT EXISTS pgtap;
CREATE EXTENSION adoption;

-- fractional values: their sums are exact only if + and - are
CREATE TEMP TABLE obs AS
SELECT i, (i % 4) AS part, make_date(2020, 1 + (i % 12), 1) AS t, (ARRAY['a', 'b', 'c'])[1 + i % 3] AS label,
	(i * 7919 % 1000) / 10.0 + 1e-3 * (i % 7) AS v
FROM generate_series(1, 600) i;
CREATE TEMP TABLE parts AS
SELECT part, rivalry_agg(t, label, v, 'a', 'b') AS r, trend_agg(t, v) AS tr, market_agg(t, label, v) AS m
FROM obs GROUP BY part;
CREATE TEMP TABLE whole AS
SELECT rivalry_agg(t, label, v, 'a', 'b') AS r, trend_agg(t, v) AS tr, market_agg(t, label, v) AS m FROM obs;

SELECT plan(20);

SELECT ok((SELECT (SELECT r FROM parts WHERE part = 0) + (SELECT r FROM parts WHERE part = 1)
		+ (SELECT r FROM parts WHERE part = 2) + (SELECT r FROM parts WHERE part = 3) = r FROM whole),
	'rivalry: the parts added up are the whole');
SELECT ok((SELECT ((SELECT tr FROM parts WHERE part = 3) + (SELECT tr FROM parts WHERE part = 1))
		+ ((SELECT tr FROM parts WHERE part = 0) + (SELECT tr FROM parts WHERE part = 2)) = tr FROM whole),
	'trend: in another order and grouping, the same bits');
SELECT ok((SELECT (SELECT m FROM parts WHERE part = 2) + (SELECT m FROM parts WHERE part = 0)
		+ (SELECT m FROM parts WHERE part = 3) + (SELECT m FROM parts WHERE part = 1) = m FROM whole),
	'market: labels united, the whole');
SELECT ok((SELECT r1 + r2 = rollup(r) FROM (SELECT min(r::text)::rivalry r1, max(r::text)::rivalry r2 FROM parts WHERE part < 2) x,
		parts WHERE part < 2 GROUP BY r1, r2), 'r1 + r2 is rollup() of the two');
SELECT ok((SELECT whole.r - p.r = rivalry_agg(o.t, o.label, o.v, 'a', 'b') FROM whole, parts p, obs o
		WHERE p.part = 1 AND o.part <> 1 GROUP BY whole.r, p.r),
	'rivalry: the whole minus a part is the aggregate of the other rows, bit for bit');
SELECT ok((SELECT whole.tr - p.tr - q.tr = trend_agg(o.t, o.v) FROM whole, parts p, parts q, obs o
		WHERE p.part = 0 AND q.part = 3 AND o.part IN (1, 2) GROUP BY whole.tr, p.tr, q.tr),
	'trend: minus two parts');
SELECT ok((SELECT whole.m - market_agg(o.t, o.label, o.v) FILTER (WHERE o.label = 'c')
		= market_agg(o.t, o.label, o.v) FILTER (WHERE o.label <> 'c') FROM whole, obs o GROUP BY whole.m),
	'market: minus every row of a label, and the label is gone');
SELECT is((SELECT (r - r)::text FROM whole), '{"version":1,"time":"date","periods":[]}',
	'a summary minus itself is empty');
SELECT ok((SELECT (r + (r - r)) = r AND (r - (r - r)) = r FROM whole), 'and the empty summary is + and - identity');

-- NULL
SELECT ok((SELECT (NULL::rivalry + r) = r AND (r + NULL) = r AND (NULL::market + m) = m AND (tr + NULL) = tr FROM whole),
	'NULL is the identity of +, on either side');
SELECT ok((SELECT (NULL::rivalry + NULL::rivalry) IS NULL AND (NULL::rivalry - NULL::rivalry) IS NULL), 'NULL + NULL and NULL - NULL are NULL');
SELECT ok((SELECT (r - NULL) = r FROM whole), 'r - NULL takes nothing away');
SELECT ok((SELECT (NULL::rivalry - (r - r)) IS NOT NULL FROM whole), 'NULL minus an empty summary is the empty summary');
SELECT throws_ok($$ SELECT NULL::trend - tr FROM whole $$, '22023', 'cannot subtract a trend from NULL',
	'nothing but an empty summary comes out of NULL');

-- refusals
SELECT throws_ok($$ SELECT p.r - whole.r FROM whole, parts p WHERE part = 0 $$, '22023',
	'cannot subtract a rivalry that is not contained in the other', 'a part minus the whole: 22023');
SELECT throws_ok($$ SELECT p.r - q.r FROM parts p, parts q WHERE p.part = 0 AND q.part = 1 $$, '22023',
	'cannot subtract a rivalry that is not contained in the other', 'one part minus another');
SELECT throws_ok($$ SELECT r - (SELECT rivalry_agg(make_date(2030, 1, 1), 1, 1)) FROM whole $$, '22023',
	'cannot subtract a rivalry that is not contained in the other', 'a period the first does not have');
SELECT throws_ok($$ SELECT m - market_agg(t, 'zz', 1) FROM whole, (VALUES ('2020-02-01'::date)) v(t) GROUP BY m $$, '22023',
	'cannot subtract a market that is not contained in the other', 'a label the first does not have');
SELECT throws_ok($$ SELECT rivalry_agg(1, 5, 1) - rivalry_agg(1, 3, 1) $$, '22023',
	'cannot subtract a rivalry that is not contained in the other', 'as many rows, another sum: the rows would be gone, the sum not');
SELECT throws_ok($$ SELECT r + (SELECT rivalry_agg(1::float8, 1, 1)) FROM whole $$, '42804',
	'cannot merge summaries over different kinds of time', 'dates and numbers do not mix');

SELECT * FROM finish();
ROLLBACK;
