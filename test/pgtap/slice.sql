-- slice(summary, from, until): the periods in [from, until), equal (=) to
-- the aggregate of the rows of those periods, fractional sums and market
-- labels included; any accessor can then be asked of one regime.
\set ON_ERROR_STOP 1
\pset format unaligned
\pset tuples_only true
BEGIN;
CREATE EXTENSION IF NOT EXISTS pgtap;
CREATE EXTENSION adoption;
SET LOCAL TimeZone = 'UTC';

CREATE TEMP TABLE obs AS
SELECT make_date(2019, 1, 1) + (i % 700) AS t, (ARRAY['a', 'b', 'c'])[1 + i % 3] AS label,
	(i * 7919 % 1000) / 10.0 + 1e-7 * i AS v, 2010 + i % 11 AS year
FROM generate_series(1, 3000) i;
-- label c only before 2020
DELETE FROM obs WHERE label = 'c' AND t >= '2020-01-01';
CREATE TEMP TABLE s AS
SELECT rivalry_agg(t, label, v, 'a', 'b') AS r, trend_agg(t, v) AS tr, market_agg(t, label, v) AS m,
	rivalry_agg(year, label, v, 'a', 'b') AS ry
FROM obs;

SELECT plan(13);

SELECT ok((SELECT slice(r, '2019-06-01', '2020-03-01') = rivalry_agg(t, label, v, 'a', 'b')
		FILTER (WHERE t >= '2019-06-01' AND t < '2020-03-01') FROM s, obs GROUP BY r),
	'rivalry: the periods from (inclusive) until (exclusive), exact sums and all');
SELECT ok((SELECT slice(tr, NULL, '2019-02-15') = trend_agg(t, v) FILTER (WHERE t < '2019-02-15') FROM s, obs GROUP BY tr),
	'trend: NULL from is the first period');
SELECT ok((SELECT slice(m, '2020-01-01') = market_agg(t, label, v) FILTER (WHERE t >= '2020-01-01') FROM s, obs GROUP BY m),
	'market: NULL until is past the last; label c, with no rows left, is gone');
SELECT is((SELECT labels(slice(m, '2020-01-01')) FROM s), ARRAY['a', 'b'], 'the sliced market''s labels');
SELECT ok((SELECT slice(r) = r AND slice(m, NULL, NULL) = m FROM s), 'NULL bounds: the whole summary');
SELECT is((SELECT slice(r, '2030-01-01')::text FROM s), '{"version":1,"time":"date","periods":[]}',
	'a range with no period: the empty summary');
SELECT is((SELECT periods(slice(r, '2020-01-01', '2019-01-01')) FROM s), 0, 'until before from: empty');
SELECT is((SELECT slice_point(x, NULL, 2)::text || ' ' || slice_point(x, 2)::text
	FROM (SELECT rivalry_agg(t, a, 1) AS x FROM (VALUES (1, 0.1), (1, 0.2), (2, 1)) v(t, a)) y),
	'{"version":2,"time":"number","periods":[[1,[0.30000000000000004,-2.7755575615628914e-17],2,2,2]]} {"version":1,"time":"number","periods":[[2,1,1,1,1]]}',
	'a slice keeps its periods'' exact tails: version 2 with them, 1 without');
SELECT ok((SELECT slice_point(ry, 2012, 2015) = rivalry_agg(year, label, v, 'a', 'b') FILTER (WHERE year >= 2012 AND year < 2015)
	FROM s, obs GROUP BY ry), 'slice_point over years');
SELECT ok((SELECT slice_point(r, extract(epoch FROM '2019-06-01'::timestamptz)::float8, extract(epoch FROM '2020-03-01'::timestamptz)::float8)
	= slice(r, '2019-06-01', '2020-03-01') FROM s), 'slice_point over dates takes epoch seconds');
SELECT is((SELECT parity_at(slice(r, '2019-06-01')) IS NOT DISTINCT FROM (SELECT parity_at(rivalry_agg(t, label, v, 'a', 'b'))
	FROM obs WHERE t >= '2019-06-01') FROM s), true, 'any accessor of a slice: parity_at of the later periods');
SELECT throws_ok('SELECT slice(ry, now()) FROM s', '22023', 'slice() needs a summary over timestamps or dates',
	'slice() over years refuses; the hint names slice_point()');
SELECT throws_ok($$ SELECT slice_point(ry, 'NaN') FROM s $$, '22023', 'from cannot be NaN', 'a NaN bound');

SELECT * FROM finish();
ROLLBACK;
