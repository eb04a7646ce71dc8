-- rivalry_agg(): building rivalry summaries from wide and long rows
SET TimeZone = 'UTC';

-- the article's job listings, wide: TensorFlow:PyTorch 3x, then 2x
CREATE TABLE jobs (month date, tensorflow float8, pytorch float8);
INSERT INTO jobs VALUES ('2019-03-01', 3, 1), ('2020-01-01', 2, 1);
SELECT rivalry_agg(month, tensorflow, pytorch) FROM jobs;

-- the same as two-point parity_at(): ln 3 / ln 1.5 of 306 days, and 612 days
SELECT parity_at(r) AS loglinear, parity_at(r) = parity_at('2019-03-01'::date, 3, '2020-01-01'::date, 2) AS same,
	parity_at(r, 'linear') AS linear,
	parity_at(r, 'linear') = parity_at('2019-03-01'::date, 3, '2020-01-01'::date, 2, 'linear') AS same_linear
FROM (SELECT rivalry_agg(month, tensorflow, pytorch) r FROM jobs) x;

-- long rows: labels other than a_label and b_label are ignored
CREATE TABLE obs (period date, framework text, value float8);
INSERT INTO obs VALUES ('2019-03-01', 'tensorflow', 3), ('2019-03-01', 'pytorch', 1),
	('2019-03-01', 'jax', 7), ('2020-01-01', 'tensorflow', 2), ('2020-01-01', 'pytorch', 1);
SELECT rivalry_agg(period, framework, value, 'tensorflow', 'pytorch') FROM obs;
SELECT rivalry_agg(period, framework, value, 'tensorflow', 'pytorch')::text
	= (SELECT rivalry_agg(month, tensorflow, pytorch)::text FROM jobs) AS long_equals_wide
FROM obs;

-- several rows per period are summed, with their row counts
SELECT rivalry_agg(t, a, b) FROM (VALUES (1, 1.0, 2.0), (1, 0.5, 0.25), (2, 3, 4)) v(t, a, b);

-- kinds of time: timestamptz, timestamp (read as UTC), date, numbers
SELECT rivalry_agg(t::timestamptz, 1, 2) FROM (VALUES ('2020-01-01 12:30:00.25+02')) v(t);
SELECT rivalry_agg(t::timestamp, 1, 2) FROM (VALUES ('2020-01-01 12:30:00')) v(t);
SELECT rivalry_agg(t, 1, 2) FROM (VALUES (2019), (2020)) v(t);
SELECT rivalry_agg(t, 1, 2) FROM (VALUES (2019.5::numeric), (-0.25)) v(t);
SELECT rivalry_agg(t, 1, 2) FROM (VALUES (2019::bigint)) v(t);
SELECT rivalry_agg(t, 1, 2) FROM (VALUES (-0.0::float8), (0.0)) v(t);
-- the session's TimeZone changes nothing
SET TimeZone = 'Asia/Tokyo';
SELECT rivalry_agg(t::timestamptz, 1, 2) FROM (VALUES ('2020-01-01 12:30:00.25+02')) v(t);
SET TimeZone = 'UTC';

-- NULL rows are skipped; empty input is NULL
SELECT rivalry_agg(t, a, b) FROM (VALUES (1, 1.0, 1.0), (NULL, 1, 1), (2, NULL, 1), (3, 1, NULL)) v(t, a, b);
SELECT rivalry_agg(t, a, b) FROM (VALUES (NULL::float8, 1.0, 1.0)) v(t, a, b);
SELECT rivalry_agg(t, a, b) IS NULL AS empty FROM (VALUES (1.0, 1.0, 1.0)) v(t, a, b) WHERE false;
SELECT rivalry_agg(t, l, v, 'x', 'y') IS NULL AS no_label_matches
FROM (VALUES (1.0, 'z', 1.0)) v(t, l, v);
SELECT rivalry_agg(t, l, v, 'x', 'y') FROM (VALUES (1.0, NULL, 1.0), (2.0, 'x', NULL), (3.0, 'y', 2)) v(t, l, v);

-- unordered input gives the same summary as ordered input
CREATE TABLE shuffled AS
SELECT date '2000-01-01' + (i % 500) AS day, (i % 7)::float8 AS a, (i % 11)::float8 AS b
FROM generate_series(1, 20000) i ORDER BY md5(i::text);
SELECT (SELECT rivalry_agg(day, a, b) FROM shuffled)::text
	= (SELECT rivalry_agg(day, a, b ORDER BY day) FROM shuffled)::text AS unordered_equals_ordered,
	(SELECT periods(rivalry_agg(day, a, b)) FROM shuffled) AS periods;
-- and descending input, and input that revisits old periods
SELECT (SELECT rivalry_agg(day, a, b ORDER BY day DESC) FROM shuffled)::text
	= (SELECT rivalry_agg(day, a, b ORDER BY day) FROM shuffled)::text AS descending_equals_ordered;

-- grouped
SELECT metric, periods(rivalry_agg(t, a, b)), share(rivalry_agg(t, a, b))
FROM (VALUES ('m1', 1, 1.0, 3.0), ('m1', 2, 1, 1), ('m2', 1, 5, 5)) v(metric, t, a, b)
GROUP BY metric ORDER BY metric;

-- bad input, each naming the argument
SELECT rivalry_agg(t, a, b) FROM (VALUES (1, -1.0, 1.0)) v(t, a, b);
SELECT rivalry_agg(t, a, b) FROM (VALUES (1, 1.0, 'NaN'::float8)) v(t, a, b);
SELECT rivalry_agg(t, a, b) FROM (VALUES (1, 'Infinity'::float8, 1.0)) v(t, a, b);
SELECT rivalry_agg(t, a, b) FROM (VALUES ('Infinity'::float8, 1.0, 1.0)) v(t, a, b);
SELECT rivalry_agg(t, a, b) FROM (VALUES ('NaN'::float8, 1.0, 1.0)) v(t, a, b);
SELECT rivalry_agg(t, a, b) FROM (VALUES ('infinity'::timestamptz, 1.0, 1.0)) v(t, a, b);
SELECT rivalry_agg(t, a, b) FROM (VALUES ('-infinity'::date, 1.0, 1.0)) v(t, a, b);
SELECT rivalry_agg(t, a, b) FROM (VALUES ('infinity'::timestamp, 1.0, 1.0)) v(t, a, b);
SELECT rivalry_agg(t, l, v, 'x', 'y') FROM (VALUES (1.0, 'x', -2.0)) v(t, l, v);
SELECT rivalry_agg(t, l, v, 'x', 'x') FROM (VALUES (1.0, 'x', 2.0)) v(t, l, v);
SELECT rivalry_agg(t, l, v, NULL, 'x') FROM (VALUES (1.0, 'x', 2.0)) v(t, l, v);
SELECT rivalry_agg(t, 1.0, 1.0) FROM (VALUES ('5874897-12-31'::date)) v(t);

-- more periods than adoption.max_periods allows
SET adoption.max_periods = 100;
SELECT periods(rivalry_agg(i, 1, 1)) FROM generate_series(1, 100) i;
SELECT periods(rivalry_agg(i, 1, 1)) FROM generate_series(1, 101) i;
SELECT periods(rivalry_agg(i, 1, 1)) FROM (SELECT i FROM generate_series(1, 1000) i ORDER BY md5(i::text)) s;
SET adoption.max_periods = 1;
RESET adoption.max_periods;
SELECT 'still up' AS server;
