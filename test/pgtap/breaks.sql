-- breaks(): regime changes found where they are.  Synthetic log-ratios with
-- one known break (slopes, noise and positions chosen so that the break
-- should be found within two periods), straight ones with none, an exact
-- check against an exhaustive search in plain SQL, and the bundled Python
-- and Java posts.
\set ON_ERROR_STOP 1
\pset format unaligned
\pset tuples_only true
BEGIN;
CREATE EXTENSION IF NOT EXISTS pgtap;
CREATE EXTENSION adoption;
SET LOCAL TimeZone = 'UTC';

-- seeded normal noise (Box-Muller)
SELECT setseed(0.2026);
CREATE TEMP TABLE noise AS
SELECT s, i, sqrt(-2 * ln(1 - random())) * cos(2 * pi() * random()) AS z
FROM generate_series(1, 80) s, generate_series(0, 59) i ORDER BY s, i;
-- series 1 to 40: the log-ratio rises 0.01 a month, then 0.06 from a month
-- between 12 and 48; series 41 to 80: 0.03 a month throughout; noise 0.03
CREATE TEMP TABLE synth AS
SELECT s, i, make_date(2015, 1, 1) + make_interval(months => i) AS t,
	CASE WHEN s <= 40 THEN 12 + (s * 7) % 37 END AS true_break,
	CASE WHEN s <= 40 THEN -1 + 0.01 * i + 0.05 * greatest(0, i - (12 + (s * 7) % 37))
		 ELSE -1 + 0.03 * i END + 0.03 * z AS y
FROM noise;
CREATE TEMP TABLE found AS
SELECT s, true_break, b.*, (SELECT i FROM synth x WHERE x.s = r.s AND x.t = b."time") AS at
FROM (SELECT s, min(true_break) AS true_break, rivalry_agg(t, 1000 * exp(y / 2), 1000 * exp(-y / 2)) AS r
	  FROM synth GROUP BY s) r
LEFT JOIN LATERAL breaks(r.r) b ON true;

-- an exhaustive search over two breaks in 30 periods, plain SQL
CREATE TEMP TABLE two AS
SELECT i, make_date(2018, 1, 1) + make_interval(months => i) AS t,
	CASE WHEN i < 9 THEN 0.02 * i WHEN i < 20 THEN 0.18 - 0.04 * (i - 9) ELSE -0.26 + 0.05 * (i - 20) END
		+ 0.01 * sin(i * 2.7) AS y
FROM generate_series(0, 29) i;
CREATE TEMP VIEW segment_sse AS
SELECT f, l, coalesce(regr_syy(y, extract(epoch FROM t)) - regr_sxy(y, extract(epoch FROM t)) ^ 2
		/ nullif(regr_sxx(y, extract(epoch FROM t)), 0), 0) AS sse
FROM generate_series(0, 29) f, generate_series(0, 29) l, two WHERE l - f >= 2 AND i BETWEEN f AND l GROUP BY f, l;

SELECT plan(20);

SELECT is((SELECT count(DISTINCT s) FROM found WHERE s <= 40 AND "time" IS NOT NULL), 40::bigint,
	'a break found in each of the 40 series that have one');
SELECT is_empty($$ SELECT s, true_break, at FROM found WHERE s <= 40
	AND NOT EXISTS (SELECT FROM found f WHERE f.s = found.s AND abs(f.at - f.true_break) <= 2) $$,
	'in each, within two periods of where it is');
SELECT cmp_ok((SELECT count(DISTINCT s) FROM found WHERE s <= 40 AND abs(at - true_break) > 2), '<=', 5::bigint,
	'a spurious break beside the true one in at most 5 of the 40 (BIC''s rate, as in straight series)');
SELECT is_empty($$ SELECT * FROM found WHERE s <= 40 AND abs(at - true_break) <= 2
	AND (SELECT count(*) FROM found f WHERE f.s = found.s) = 1
	AND NOT (abs(slope_before * 2629746 - 0.01) < 0.01 AND abs(slope_after * 2629746 - 0.06) < 0.01) $$,
	'where the true break is the only one, the slopes before and after: 0.01 and 0.06 a month, within 0.01');
SELECT is_empty($$ SELECT * FROM found WHERE "time" IS NOT NULL AND NOT (lower <= "time" AND "time" <= upper) $$,
	'each break lies within its own range');
SELECT cmp_ok((SELECT count(*) FROM found f WHERE s <= 40 AND abs(at - true_break) <= 2
		AND true_break BETWEEN (SELECT i FROM synth x WHERE x.s = f.s AND x.t = f.lower)
			AND (SELECT i FROM synth x WHERE x.s = f.s AND x.t = f.upper)), '>=', 32::bigint,
	'the 95 % ranges hold the true break in at least 32 of the 40 series: an approximate set, narrower than its level');
SELECT cmp_ok((SELECT count(DISTINCT s) FROM found WHERE s > 40 AND "time" IS NOT NULL), '<=', 4::bigint,
	'BIC finds a spurious break in at most 4 of the 40 straight series (10 %)');
SELECT is((SELECT count(*) FROM found f, LATERAL breaks((SELECT rivalry_agg(t, 1000 * exp(y / 2), 1000 * exp(-y / 2))
		FROM synth WHERE s = f.s), 0) b WHERE f.s <= 40), 0::bigint, 'max_breaks => 0 finds none');

SELECT is((SELECT array_agg(extract(month FROM age(b."time", '2018-01-01')) + 12 * extract(year FROM age(b."time", '2018-01-01'))
		ORDER BY b."time")::int[]
	FROM (SELECT rivalry_agg(t, exp(y / 2), exp(-y / 2)) AS r FROM two) x, breaks(r) b),
	(SELECT ARRAY[f2, f3] FROM segment_sse a, segment_sse b2, segment_sse c,
		LATERAL (SELECT b2.f AS f2, c.f AS f3) k
	 WHERE a.f = 0 AND a.l + 1 = b2.f AND b2.l + 1 = c.f AND c.l = 29
	 ORDER BY a.sse + b2.sse + c.sse LIMIT 1),
	'two breaks in 30 periods: where an exhaustive search of every pair puts them');
-- each break's range: the starts, the other break held, whose likelihood
-- ratio against the best is within chi-squared(1)'s 95 % point, qnorm(0.975)^2
CREATE TEMP VIEW sse_of AS SELECT f, l, sse FROM segment_sse
UNION ALL SELECT f, f + 1, 0 FROM generate_series(0, 28) f;
SELECT is((SELECT array_agg(format('%s %s %s', at, lo, hi) ORDER BY at)
	FROM (SELECT (SELECT i FROM two WHERE two.t = b."time") AS at, (SELECT i FROM two WHERE two.t = b.lower) AS lo,
			(SELECT i FROM two WHERE two.t = b.upper) AS hi
		FROM (SELECT rivalry_agg(t, exp(y / 2), exp(-y / 2)) AS r FROM two) x, breaks(r) b) found),
	(WITH br AS (SELECT (SELECT i FROM two WHERE two.t = b."time") AS i, row_number() OVER (ORDER BY b."time") AS k
		FROM (SELECT rivalry_agg(t, exp(y / 2), exp(-y / 2)) AS r FROM two) x, breaks(r) b),
	b1 AS (SELECT i FROM br WHERE k = 1), b2 AS (SELECT i FROM br WHERE k = 2),
	ranges AS (
		SELECT (SELECT i FROM b1) AS at, c.i FROM generate_series(3, (SELECT i FROM b2) - 3) c(i)
		WHERE 30 * ln(((SELECT sse FROM sse_of WHERE f = (SELECT i FROM b2) AND l = 29)
				+ (SELECT sse FROM sse_of WHERE f = 0 AND l = c.i - 1) + (SELECT sse FROM sse_of WHERE f = c.i AND l = (SELECT i FROM b2) - 1))
			/ ((SELECT sse FROM sse_of WHERE f = (SELECT i FROM b2) AND l = 29)
				+ (SELECT sse FROM sse_of WHERE f = 0 AND l = (SELECT i FROM b1) - 1)
				+ (SELECT sse FROM sse_of WHERE f = (SELECT i FROM b1) AND l = (SELECT i FROM b2) - 1)))
			<= 1.959963984540054::float8 ^ 2
		UNION ALL
		SELECT (SELECT i FROM b2), c.i FROM generate_series((SELECT i FROM b1) + 3, 27) c(i)
		WHERE 30 * ln(((SELECT sse FROM sse_of WHERE f = 0 AND l = (SELECT i FROM b1) - 1)
				+ (SELECT sse FROM sse_of WHERE f = (SELECT i FROM b1) AND l = c.i - 1) + (SELECT sse FROM sse_of WHERE f = c.i AND l = 29))
			/ ((SELECT sse FROM sse_of WHERE f = 0 AND l = (SELECT i FROM b1) - 1)
				+ (SELECT sse FROM sse_of WHERE f = (SELECT i FROM b1) AND l = (SELECT i FROM b2) - 1)
				+ (SELECT sse FROM sse_of WHERE f = (SELECT i FROM b2) AND l = 29)))
			<= 1.959963984540054::float8 ^ 2)
	SELECT array_agg(format('%s %s %s', at, lo, hi) ORDER BY at)
	FROM (SELECT at, least(min(i), at) AS lo, greatest(max(i), at) AS hi FROM ranges GROUP BY at) r),
	'each break''s range: the starts within the likelihood ratio''s 95 % point, the other break held (an exhaustive check)');

-- the empirical method weighs each period by 1 / (1 / (a + 1/2) + 1 / (b + 1/2)):
-- the same exhaustive search, weighted, in plain SQL; over counts, and over
-- the same counts with a side of zero here and there (empirical keeps such a
-- period: its half makes the log finite; linear keeps it when a is zero and
-- skips it when b is; small periods, so that the two breaks still win)
CREATE TEMP TABLE counts AS
SELECT i, t, round(exp(y / 2) * (20 + 80 * (i % 3))) AS a, round(exp(-y / 2) * (20 + 80 * (i % 3))) AS b FROM two;
CREATE TEMP TABLE zeros AS
SELECT i, t, CASE i WHEN 3 THEN 0 WHEN 7 THEN 1 WHEN 25 THEN 2 ELSE a END AS a,
	CASE i WHEN 3 THEN 1 WHEN 7 THEN 0 WHEN 25 THEN 0 ELSE b END AS b FROM counts;
CREATE TEMP VIEW weighted_sse AS
SELECT data, f, l, sum(w * (e - ey) ^ 2) - sum(w * (e - ey) * (x - ex)) ^ 2 / nullif(sum(w * (x - ex) ^ 2), 0) AS sse
FROM (SELECT data, f, l, w, e, x, sum(w * e) OVER s / sum(w) OVER s AS ey, sum(w * x) OVER s / sum(w) OVER s AS ex
	  FROM generate_series(0, 29) f, generate_series(0, 29) l,
		  (SELECT data, i, extract(epoch FROM t) AS x, ln((a + 0.5) / (b + 0.5)) AS e,
			  1 / (1 / (a + 0.5) + 1 / (b + 0.5)) AS w
		   FROM (SELECT 'counts' AS data, * FROM counts UNION ALL SELECT 'zeros', * FROM zeros) d) c
	  WHERE l - f >= 2 AND i BETWEEN f AND l WINDOW s AS (PARTITION BY data, f, l)) z
GROUP BY data, f, l;
-- the starts of the second and third segments of the best three
CREATE TEMP VIEW weighted_breaks AS
SELECT DISTINCT ON (a.data) a.data, ARRAY[b2.f, c.f] AS breaks
FROM weighted_sse a JOIN weighted_sse b2 USING (data) JOIN weighted_sse c USING (data)
WHERE a.f = 0 AND a.l + 1 = b2.f AND b2.l + 1 = c.f AND c.l = 29
ORDER BY a.data, a.sse + b2.sse + c.sse;
SELECT is((SELECT array_agg((SELECT i FROM counts WHERE counts.t = b."time") ORDER BY b."time")
	FROM (SELECT rivalry_agg(t, a, b) AS r FROM counts) x, breaks(r, 2, 'empirical') b),
	(SELECT breaks FROM weighted_breaks WHERE data = 'counts'),
	'empirical, weighted by Cox''s variances: where a weighted exhaustive search puts the two breaks');
SELECT is((SELECT array_agg((SELECT i FROM zeros WHERE zeros.t = b."time") ORDER BY b."time")
	FROM (SELECT rivalry_agg(t, a, b) AS r FROM zeros) x, breaks(r, 2, 'empirical') b),
	(SELECT breaks FROM weighted_breaks WHERE data = 'zeros'),
	'empirical with zeros on either side: every period counts, as in the weighted exhaustive search');
SELECT is((SELECT array_agg(b ORDER BY b."time")::text FROM (SELECT rivalry_agg(t, a, b) AS r FROM zeros) x,
		breaks(r, 2, 'linear') b),
	(SELECT array_agg(b ORDER BY b."time")::text FROM (SELECT rivalry_agg(t, a, b) AS r FROM zeros WHERE b > 0) x,
		breaks(r, 2, 'linear') b),
	'linear: a period where b is zero has no ratio, and is left out as if it were not there');
SELECT is((SELECT array_agg(b ORDER BY b."time")::text FROM (SELECT rivalry_agg(t, a, b) AS r FROM zeros) x,
		breaks(r, 2, 'loglinear') b),
	(SELECT array_agg(b ORDER BY b."time")::text FROM (SELECT rivalry_agg(t, a, b) AS r FROM zeros WHERE a > 0 AND b > 0) x,
		breaks(r, 2, 'loglinear') b),
	'loglinear: a period with a side of zero has no log-ratio, and is left out likewise');
SELECT is((SELECT array_agg(b ORDER BY b."time")::text FROM (SELECT rivalry_agg(t, a, b) AS r FROM
		(SELECT t, a, b FROM zeros UNION ALL SELECT t + interval '15 days', 0, 0 FROM zeros WHERE i = 11) z) x,
		breaks(r, 2, 'empirical') b),
	(SELECT array_agg(b ORDER BY b."time")::text FROM (SELECT rivalry_agg(t, a, b) AS r FROM zeros) x,
		breaks(r, 2, 'empirical') b),
	'empirical: a period of no observations (0 and 0) is left out');

-- the bundled data
CREATE TEMP TABLE so_monthly (month date, tag text, posts float8);
\copy so_monthly FROM 'data/stackoverflow_tag_posts_monthly.csv' WITH (FORMAT csv, HEADER true)
SELECT is((SELECT array_agg("time"::date ORDER BY "time") FROM breaks((
		SELECT rivalry_agg(month, tag, posts, 'python', 'java') FROM so_monthly))),
	ARRAY['2010-11-01', '2012-06-01', '2014-09-01']::date[],
	'Python against Java: Python''s fall turns in 2010-2012, and its rise steepens in September 2014');
SELECT ok((SELECT exp(slope_after * 31557600) - 1 > 2 * (exp(slope_before * 31557600) - 1) FROM breaks((
		SELECT rivalry_agg(month, tag, posts, 'python', 'java') FROM so_monthly)) WHERE "time" = '2014-09-01'),
	'after September 2014 the ratio grows more than twice as fast a year');
SELECT is((SELECT string_agg(format('%s %s %s', "time"::date, round((exp(slope_before * 31557600) - 1)::numeric, 3),
		round((exp(slope_after * 31557600) - 1)::numeric, 3)), ', ' ORDER BY "time")
	FROM breaks((SELECT rivalry_agg(month, tag, posts, 'python', 'java') FROM so_monthly))),
	'2010-11-01 0.009 -0.068, 2012-06-01 -0.068 0.086, 2014-09-01 0.086 0.294',
	'the README''s table: the ratio''s trend a year before and after each break');
SELECT is((SELECT format('%s %s %s %s', b."time"::date, i.estimate::date, i.lower::date, i.upper::date)
	FROM (SELECT rivalry_agg(month, tag, posts, 'python', 'java') AS r FROM so_monthly WHERE month >= '2012-01-01') s,
		LATERAL (SELECT max("time") AS "time" FROM breaks(slice(r, NULL, '2017-01-01'))) b,
		LATERAL parity_interval(slice(r, b."time", '2017-01-01')) i),
	'2014-09-01 2017-04-23 2017-03-10 2017-06-14',
	'the README''s last regime: fitted at the end of 2016 since September 2014, parity in April 2017');
SELECT throws_ok($$ SELECT * FROM breaks((SELECT rivalry_agg(month, tag, posts, 'python', 'java') FROM so_monthly), 3, 'loglinear', 2) $$,
	'22023', 'min_length must be at least 3', 'segments of two periods are refused');

SELECT * FROM finish();
ROLLBACK;
