-- backtest() and backtest_parity(): every origin's projection is fit()'s
-- of the slice up to it, bit for bit, and agrees with R's lm() refitted at
-- each origin (test/reference/backtest.csv, made by backtest.R).
\set ON_ERROR_STOP 1
\pset format unaligned
\pset tuples_only true
BEGIN;
CREATE EXTENSION IF NOT EXISTS pgtap;
CREATE EXTENSION adoption;
SET LOCAL TimeZone = 'UTC';

CREATE TEMP TABLE so_monthly (month date, tag text, posts float8);
\copy so_monthly FROM 'data/stackoverflow_tag_posts_monthly.csv' WITH (FORMAT csv, HEADER true)
CREATE TEMP TABLE so_yearly (year int, framework text, questions float8);
\copy so_yearly FROM 'data/stackoverflow_framework_questions_yearly.csv' WITH (FORMAT csv, HEADER true)
CREATE TEMP TABLE ref (kind text, origin date, "time" date, fitted float8, lower float8, upper float8);
\copy ref FROM 'test/reference/backtest.csv' WITH (FORMAT csv, HEADER true)

CREATE TEMP TABLE s AS
SELECT rivalry_agg(month, tag, posts, 'python', 'java') FILTER (WHERE month >= '2012-01-01' AND month < '2017-01-01') AS r,
	rivalry_agg(month, tag, posts, 'python', 'java') AS whole,
	(SELECT rivalry_agg(year, framework, questions, 'pytorch', 'tensorflow') FROM so_yearly) AS yr
FROM so_monthly;
CREATE TEMP TABLE bt AS SELECT b.* FROM s, backtest(r) b;
CREATE TEMP TABLE bp AS SELECT b.* FROM s, backtest_parity(r) b;

SELECT plan(32);

SELECT is((SELECT count(*) FROM bt), (SELECT count(*) FROM ref WHERE kind = 'share'),
	'a row per origin (from the third month) and later month: 58 origins, 1 653 rows');
SELECT is_empty($$ SELECT * FROM bt JOIN ref USING (origin, "time") WHERE kind = 'share'
	AND (abs(bt.fitted_share - ref.fitted) > 1e-10 OR abs(bt.lower - ref.lower) > 1e-10 OR abs(bt.upper - ref.upper) > 1e-10) $$,
	'each projected share and its 95 % prediction band agree with R''s lm() refitted at the origin, to 1e-10');
SELECT is_empty($$ SELECT * FROM bt, s, LATERAL (SELECT month FROM so_monthly WHERE month > bt.origin ORDER BY month LIMIT 1) nxt
	WHERE bt.fitted_share IS DISTINCT FROM fitted_share(slice(r, NULL, nxt.month), bt."time") $$,
	'each projected share is fitted_share() of the slice up to its origin, bit for bit');
SELECT is_empty($$ SELECT * FROM s, unnest(ARRAY['logistic', 'williams', 'empirical', 'linear']) m,
		backtest(r, m, max_horizon => 6) b,
		LATERAL (SELECT month FROM so_monthly WHERE month > b.origin ORDER BY month LIMIT 1) nxt
	WHERE b.fitted_share IS DISTINCT FROM fitted_share(slice(r, NULL, nxt.month), b."time", m) $$,
	'every other method too, the iterative fits included: each origin''s line is fit()''s');
SELECT is_empty($$ SELECT * FROM s, unnest(ARRAY['loglinear', 'logistic', 'williams', 'empirical', 'linear']) m,
		backtest_point(yr, m, min_periods => 2) b
	WHERE b.fitted_share IS DISTINCT FROM fitted_share_point(slice_point(yr, NULL, b.origin + 0.5), b.point, m) $$,
	'and over years whose first have no PyTorch questions (origins with no line, then lines from the years that have)');
SELECT is_empty($$ SELECT * FROM bt WHERE error IS DISTINCT FROM fitted_share - observed_share
	OR covered IS DISTINCT FROM (observed_share BETWEEN lower AND upper)
	OR horizon <> (SELECT count(*) FROM so_monthly m WHERE m.tag = 'java' AND m.month > bt.origin AND m.month <= bt."time") $$,
	'error is projected minus observed, covered is observed inside the band, horizon counts the periods ahead');
SELECT is((SELECT array_agg(DISTINCT horizon ORDER BY horizon) FROM s, backtest(r, max_horizon => 3)), ARRAY[1, 2, 3],
	'max_horizon bounds how far ahead');
SELECT is((SELECT min(origin)::date FROM s, backtest(r, min_periods => 12)), '2012-12-01'::date,
	'min_periods: the first origin is the min_periods-th period');
-- a later period with no rows on either side (every July at 0 here): its
-- prediction band takes the mean rows of the periods up to the origin, as
-- projection() of the slice does for a period past its end
SELECT is_empty($$ SELECT * FROM (SELECT rivalry_agg(month, tag, CASE WHEN extract(month FROM month) = 7 THEN 0 ELSE posts END,
				'python', 'java') FILTER (WHERE month >= '2012-01-01' AND month < '2017-01-01') AS r FROM so_monthly) z,
		unnest(ARRAY['logistic', 'williams', 'loglinear', 'linear', 'empirical']) m,
		backtest(r, m, max_horizon => 14) b,
		LATERAL (SELECT month FROM so_monthly WHERE month > b.origin ORDER BY month LIMIT 1) nxt,
		LATERAL (SELECT * FROM projection(slice(r, NULL, nxt.month), b."time", '1 month', 0.95, m, 'prediction') p
			WHERE p."time" = b."time") p
	WHERE b.observed_share IS NULL AND (b.lower, b.upper) IS DISTINCT FROM (p.lower, p.upper) $$,
	'a period with no rows: its band is projection()''s of the slice, from the mean rows up to the origin');
SELECT ok((SELECT avg(covered::int) FILTER (WHERE band = 'confidence') < avg(covered::int) FILTER (WHERE band = 'prediction')
	FROM s, unnest(ARRAY['confidence', 'prediction']) band, backtest(r, band => band)),
	'the prediction band covers more observed shares than the confidence band');

-- the parity of each origin
SELECT is_empty($$ SELECT * FROM bp JOIN ref USING (origin) WHERE kind = 'parity'
	AND (abs(extract(epoch FROM bp.estimate) - ref.fitted) > 1e-3
		OR (ref.lower IS NULL) <> (bp.lower IS NULL) OR abs(extract(epoch FROM bp.lower) - ref.lower) > 1e-3
		OR abs(extract(epoch FROM bp.upper) - ref.upper) > 1e-3) $$,
	'each origin''s parity and Fieller interval agree with R''s, to the millisecond; unbounded where R''s is');
SELECT is_empty($$ SELECT * FROM bp, s, LATERAL (SELECT month FROM so_monthly WHERE month > bp.origin ORDER BY month LIMIT 1) nxt,
		LATERAL parity_interval(slice(r, NULL, nxt.month)) i
	WHERE (bp.estimate, bp.lower, bp.upper, bp.bounded) IS DISTINCT FROM (i.estimate, i.lower, i.upper, i.bounded) $$,
	'backtest_parity is parity_interval() of the slice up to each origin');
SELECT is_empty($$ SELECT * FROM bp, s WHERE bp.crossover IS DISTINCT FROM
		(SELECT min(c) FROM crossovers(r) c WHERE c > bp.origin)
	OR bp.covered IS DISTINCT FROM CASE WHEN bp.crossover IS NOT NULL AND bp.bounded IS NOT NULL
		THEN bp.crossover BETWEEN coalesce(bp.lower, '-infinity') AND coalesce(bp.upper, 'infinity') END $$,
	'the crossover is the first observed after the origin; covered says whether the interval held it');
SELECT is((SELECT count(*) FILTER (WHERE covered) || ' of ' || count(*) || ', ' || bool_and(lower > crossover)
	FROM s, backtest_parity(slice(whole, '2012-01-01')) b WHERE origin >= '2015-01-01' AND origin < '2017-01-01'),
	'0 of 24, true', 'fitted from 2012, no origin of 2015 and 2016 held the January 2017 crossover: every interval came after it');

-- the README's tables (demo section 10), fitted from January 2012
SELECT is((SELECT string_agg(format('%s %s %s', origin::date, estimate::date, covered), ', ' ORDER BY origin)
	FROM s, backtest_parity(slice(whole, '2012-01-01'), min_periods => 12) b
	WHERE extract(month FROM origin) = 12 AND origin < '2017-01-01'),
	'2012-12-01 2017-03-08 t, 2013-12-01 2018-11-24 f, 2014-12-01 2020-11-02 f, 2015-12-01 2019-07-10 f, 2016-12-01 2018-04-25 f',
	'the README''s parity backtest: every origin after 2012 late');
SELECT is((SELECT string_agg(format('%s %s', y, c), ', ' ORDER BY y) FROM (
		SELECT (horizon - 1) / 12 + 1 AS y, round(avg(covered::int), 3) AS c
		FROM s, backtest(slice(whole, '2012-01-01'), min_periods => 12)
		WHERE origin < '2017-01-01' AND horizon <= 36 GROUP BY 1) x),
	'1 0.590, 2 0.330, 3 0.274', 'the README''s coverage a year, two and three ahead');

-- numeric time and arguments
SELECT is_empty($$ SELECT * FROM s, backtest(r, max_horizon => 2) b
	FULL JOIN backtest_point(r, max_horizon => 2) p
		ON p.origin = extract(epoch FROM b.origin) AND p.point = extract(epoch FROM b."time")
	WHERE (b.fitted_share, b.lower, b.upper, b.covered) IS DISTINCT FROM (p.fitted_share, p.lower, p.upper, p.covered) $$,
	'backtest_point is backtest in epoch seconds');
SELECT is((SELECT count(*) FROM s, backtest_point(yr)), 15::bigint,
	'over years: origins 2015 to 2019 and their later years');
SELECT throws_ok('SELECT * FROM s, backtest(yr)', '22023', 'backtest() needs a summary over timestamps or dates',
	'backtest() over years refuses; the hint names backtest_point()');
SELECT throws_ok('SELECT * FROM s, backtest(r, min_periods => 1)', '22023', 'min_periods must be at least 2',
	'min_periods below 2');
SELECT throws_ok('SELECT * FROM s, backtest(r, max_horizon => 0)', '22023', 'max_horizon must be at least 1',
	'max_horizon below 1');
SELECT is((SELECT count(*) FROM s, backtest(r, NULL)), 0::bigint, 'a NULL argument but max_horizon: no rows');
SELECT is((SELECT count(*) FROM s, backtest_parity(whole, min_periods => 200)), 0::bigint,
	'min_periods beyond the periods: no origin');
SELECT is((SELECT count(*) FILTER (WHERE fitted_share IS NULL)
	FROM (SELECT rivalry_agg(make_date(year, 7, 1), framework, questions, 'pytorch', 'tensorflow') r FROM so_yearly) yr_dates,
		backtest(yr_dates.r) b WHERE origin < '2017-01-01'), 9::bigint,
	'origins whose periods give no line (PyTorch not yet asked about, 2015 and 2016): their 5 + 4 rows, the projection NULL');

CREATE TEMP TABLE bt_r AS
SELECT rivalry_agg(make_date(year, 7, 1), framework, questions, 'pytorch', 'tensorflow') r FROM so_yearly;
SELECT is((SELECT array_agg(n ORDER BY k) FROM (
		SELECT 0 AS k, count(*) AS n FROM backtest(NULL::rivalry)
		UNION ALL SELECT 1, count(*) FROM bt_r, backtest(r, NULL)
		UNION ALL SELECT 2, count(*) FROM bt_r, backtest(r, 'loglinear', NULL)
		UNION ALL SELECT 3, count(*) FROM bt_r, backtest(r, 'loglinear', 0.95, NULL)
		UNION ALL SELECT 4, count(*) FROM bt_r, backtest(r, 'loglinear', 0.95, 3, NULL)
		UNION ALL SELECT 5, count(*) - (SELECT count(*) FROM bt_r, backtest(r, 'loglinear', 0.95, 3, 'confidence'))
			FROM bt_r, backtest(r, 'loglinear', 0.95, 3, 'confidence', NULL)) c),
	ARRAY[0, 0, 0, 0, 0, 0]::bigint[],
	'a NULL summary, method, level, min_periods or band gives no rows; a NULL max_horizon is every horizon');

-- a tie at period 2 is a crossover at 2: not after origin 2, the one after it is
CREATE TEMP TABLE tie_r AS
SELECT rivalry_agg(t::float8, a, b) r FROM (VALUES (1, 1, 3), (2, 2, 2), (3, 3, 1), (4, 4, 0.5), (5, 2, 3), (6, 1, 3)) v(t, a, b);
SELECT is((SELECT array_agg(format('%s %s', origin, coalesce(round(crossover::numeric, 3)::text, '-')) ORDER BY origin)
	FROM tie_r, backtest_parity_point(r, 'loglinear', 0.95, 2)),
	(SELECT array_agg(format('%s %s', o, coalesce((SELECT round(min(c)::numeric, 3)::text FROM tie_r, crossover_points(r) c WHERE c > o), '-'))
		ORDER BY o) FROM generate_series(2, 5) o),
	'the crossover of each origin is the first strictly after it: a tie at the origin is not');

-- an exact line (linear, a / b = t / 4): the interval is the parity itself, 4,
-- and it holds a crossover at 4, its ends included
SELECT is((SELECT format('%s %s %s %s %s', origin, lower, upper, crossover, covered)
	FROM backtest_parity_point((SELECT rivalry_agg(t::float8, t, 4) FROM generate_series(1, 7) t), 'linear', 0.95, 2)
	WHERE origin = 3), '3 4 4 4 t',
	'an interval of one point holds a crossover at that point');

-- origins: from the min_periods-th period to the last but one
SELECT is((SELECT array_agg(DISTINCT origin ORDER BY origin) FROM backtest_point((SELECT rivalry_agg(t::float8, t, 10)
		FROM generate_series(1, 7) t), 'loglinear', 0.95, 3)), ARRAY[3, 4, 5, 6]::float8[],
	'min_periods 3 over 7 periods: origins at the 3rd to the 6th');
SELECT is((SELECT array_agg(origin ORDER BY origin) FROM backtest_parity_point((SELECT rivalry_agg(t::float8, t, 10)
		FROM generate_series(1, 7) t), 'loglinear', 0.95, 3)), ARRAY[3, 4, 5, 6]::float8[],
	'and backtest_parity the same origins');

-- a parity near 4700 BC: the interval's lower end is before the first
-- timestamptz (NULL), its upper end is not; such an interval is not bounded
SELECT is((SELECT count(*) FILTER (WHERE lower IS NULL AND upper IS NOT NULL AND NOT bounded)
	FROM backtest_parity((SELECT rivalry_agg(make_date(y, 7, 1), exp((0.0005 * (y + 4700) + 1.3e-4 * sin(y * 2.7)) / 2),
			exp(-(0.0005 * (y + 4700) + 1.3e-4 * sin(y * 2.7)) / 2)) FROM generate_series(2000, 2019) y), 'loglinear', 0.95, 15)),
	5::bigint, 'an interval with one end past timestamptz is not bounded, whichever end');

-- the exact line again: every band is one point, the observed share itself,
-- and covers it
SELECT is((SELECT format('%s of %s', count(*) FILTER (WHERE covered AND lower = upper AND lower = observed_share), count(*))
	FROM backtest_point((SELECT rivalry_agg(t::float8, t, 4) FROM generate_series(1, 7) t), 'linear', 0.95, 3)),
	'10 of 10', 'a band of one point covers the observation at that point');

-- an origin of two periods: a line, but no residual df for an interval: the
-- interval and bounded are NULL, not unbounded
SELECT is((SELECT format('%s %s %s %s', estimate, lower IS NULL, upper IS NULL, coalesce(bounded::text, 'null'))
	FROM tie_r, backtest_parity_point(r, 'loglinear', 0.95, 2) WHERE origin = 2),
	'2 t t null', 'two periods: an estimate, no interval (bounded NULL)');

SELECT * FROM finish();
ROLLBACK;
