-- Numeric time gets every answer: each accessor that takes or returns an
-- instant has a _point twin in the time column's units.  Over years, the
-- twins agree with PostgreSQL's own regr_* over the same rows; over dates,
-- with their instant versions through extract(epoch FROM ...); and every
-- refusal names the twin.
\set ON_ERROR_STOP 1
\pset format unaligned
\pset tuples_only true
BEGIN;
CREATE EXTENSION IF NOT EXISTS pgtap;
CREATE EXTENSION adoption;
SET LOCAL TimeZone = 'UTC';

CREATE TEMP TABLE so_yearly (year int, framework text, questions float8);
\copy so_yearly FROM 'data/stackoverflow_framework_questions_yearly.csv' WITH (FORMAT csv, HEADER true)
CREATE TEMP TABLE so_monthly (month date, tag text, posts float8);
\copy so_monthly FROM 'data/stackoverflow_tag_posts_monthly.csv' WITH (FORMAT csv, HEADER true)

-- PyTorch against TensorFlow by year: the summaries, and the plain SQL line
-- through ln(a / b) over the years both were asked about (2017 to 2020)
CREATE TEMP TABLE yr AS
SELECT rivalry_agg(year, framework, questions, 'pytorch', 'tensorflow') AS r,
	(SELECT trend_agg(year, questions) FROM so_yearly WHERE framework = 'pytorch') AS tr,
	market_agg(year, framework, questions) AS m
FROM so_yearly;
CREATE TEMP TABLE line AS
SELECT regr_slope(ln(p.questions / t.questions), p.year) AS slope,
	regr_intercept(ln(p.questions / t.questions), p.year) AS intercept
FROM so_yearly p JOIN so_yearly t ON t.year = p.year AND t.framework = 'tensorflow'
WHERE p.framework = 'pytorch' AND p.questions > 0;
CREATE TEMP TABLE tline AS
SELECT regr_slope(questions, year) AS slope, regr_intercept(questions, year) AS intercept
FROM so_yearly WHERE framework = 'pytorch';

-- Python against Java by month, over dates
CREATE TEMP TABLE mo AS
SELECT rivalry_agg(month, tag, posts, 'python', 'java') AS r,
	(SELECT trend_agg(month, posts) FROM so_monthly WHERE tag = 'python') AS tr,
	(SELECT market_agg(month, tag, posts) FROM so_monthly WHERE tag IN ('python', 'java', 'c#')) AS m
FROM so_monthly;

-- the hint of the error a statement raises
CREATE FUNCTION pg_temp.hint_of(statement text) RETURNS text LANGUAGE plpgsql AS $$
DECLARE
	hint text;
BEGIN
	EXECUTE statement;
	RETURN 'no error';
EXCEPTION WHEN invalid_parameter_value THEN
	GET STACKED DIAGNOSTICS hint = PG_EXCEPTION_HINT;
	RETURN hint;
END $$;

SELECT plan(34);

-- over years, against regr_*
SELECT is((SELECT (first_point(r), last_point(r), first_point(tr), last_point(m))::text FROM yr),
	'(2011,2020,2011,2020)', 'first_point and last_point are the first and last years observed');
SELECT ok((SELECT abs(fitted_ratio_point(r, 2022) - exp(intercept + slope * 2022)) < 1e-12 * exp(intercept + slope * 2022)
	FROM yr, line), 'fitted_ratio_point: exp(regr_intercept + regr_slope * 2022) of ln(a / b) on year');
SELECT ok((SELECT abs(fitted_share_point(r, 2022) - 1 / (1 + exp(-(intercept + slope * 2022)))) < 1e-13
	FROM yr, line), 'fitted_share_point: the same line as a share');
SELECT ok((SELECT abs(parity_point(r) - (-intercept / slope)) < 1e-9 FROM yr, line),
	'parity_point: where regr''s line crosses zero');
SELECT ok((SELECT i.estimate = parity_point(r) AND i.lower < i.estimate AND i.estimate < i.upper AND i.bounded
	FROM yr, parity_interval_point(r, 0.5) i),
	'parity_interval_point: the estimate inside a bounded 50 % interval, in years');
SELECT is((SELECT (round(estimate::numeric, 9), round(lower::numeric, 9), round(upper::numeric, 9), bounded)::text
	FROM yr, parity_interval_point(r)), '(2021.600330947,2020.028540040,2036.899866913,t)',
	'the README''s example: parity_interval_point(r) over years, to 1e-9');
SELECT ok((SELECT i.lower IS NULL AND i.upper IS NULL AND NOT i.bounded AND i.estimate = parity_point(r)
	FROM yr, parity_interval_point(r, 0.999) i),
	'parity_interval_point at 99.9 % on two residual df: unbounded, ends NULL, bounded false');
SELECT ok((SELECT abs(value_at_point(tr, 2023) - (intercept + slope * 2023)) < 1e-9 * abs(intercept + slope * 2023)
	FROM yr, tline), 'value_at_point: regr_intercept + regr_slope * 2023 of questions on year');
SELECT ok((SELECT abs(reaches_point(tr, 5000) - (5000 - intercept) / slope) < 1e-9 FROM yr, tline),
	'reaches_point: where regr''s line reaches 5000');
SELECT ok((SELECT abs(ratio_trend(r) - (exp(slope) - 1)) < 1e-13 FROM yr, line),
	'ratio_trend(r) over years: the change per year');
SELECT is((SELECT array_agg(point ORDER BY point) FROM yr, projection_point(r, 2024)),
	'{2011,2013,2015,2016,2017,2018,2019,2020,2021,2022,2023,2024}'::float8[],
	'projection_point(r, 2024): every observed year, then a row a year to 2024');
SELECT is_empty($$ SELECT * FROM yr, projection_point(r, 2030, 0.5, method => 'logistic')
	WHERE fitted_share IS DISTINCT FROM fitted_share_point(r, point, 'logistic') $$,
	'projection_point: its fitted share is fitted_share_point at every point, half-year steps');
SELECT is((SELECT count(*) FROM yr, projection_point(r, 2030, 0.5)), 8 + 20::bigint,
	'projection_point(r, 2030, 0.5): 8 observed years and 20 half-year steps');
SELECT is_empty($$ SELECT * FROM yr, projection_point(tr, 2025) p
	WHERE p.fitted IS DISTINCT FROM value_at_point(tr, p.point) $$,
	'projection_point(trend): its line is value_at_point at every point');
SELECT is((SELECT array_agg(point::int || ' ' || from_label || '>' || to_label) FROM yr, leader_change_points(m)),
	(SELECT array_agg(year || ' ' || prev || '>' || framework ORDER BY year) FROM (
		SELECT year, framework, lag(framework) OVER (ORDER BY year) AS prev FROM (
			SELECT DISTINCT ON (year) year, framework FROM so_yearly ORDER BY year, questions DESC) l) c
	 WHERE prev <> framework),
	'leader_change_points: the years the leader changed, from a window over the rows');

-- over dates, against the instant versions
SELECT is((SELECT (first_point(r), last_point(tr), first_point(m)) FROM mo),
	(SELECT (extract(epoch FROM first_period(r))::float8, extract(epoch FROM last_period(tr))::float8,
			 extract(epoch FROM first_period(m))::float8) FROM mo),
	'first_point and last_point are extract(epoch FROM first_period / last_period)');
SELECT ok((SELECT bool_and(abs(fitted_share_point(r, extract(epoch FROM t)::float8) - fitted_share(r, t)) < 1e-14)
	FROM mo, (VALUES ('2012-03-04 05:06:07+00'::timestamptz), ('2030-01-01')) v(t)),
	'fitted_share_point at extract(epoch FROM t) is fitted_share at t');
SELECT ok((SELECT abs(fitted_ratio_point(r, extract(epoch FROM t)::float8, 'logistic') - fitted_ratio(r, t, 'logistic'))
		< 1e-12 * fitted_ratio(r, t, 'logistic')
	FROM mo, (VALUES ('2025-01-01'::timestamptz)) v(t)),
	'fitted_ratio_point is fitted_ratio, logistic too');
SELECT ok((SELECT abs(p.estimate - extract(epoch FROM i.estimate)) < 1e-6
		AND abs(p.lower - extract(epoch FROM i.lower)) < 1e-6 AND abs(p.upper - extract(epoch FROM i.upper)) < 1e-6
		AND p.bounded AND i.bounded
	FROM mo, parity_interval(r) i, parity_interval_point(r) p),
	'parity_interval_point is parity_interval in epoch seconds, to the microsecond');
SELECT ok((SELECT abs(value_at_point(tr, extract(epoch FROM t)::float8) - value_at(tr, t)) < 1e-9 * abs(value_at(tr, t))
	FROM mo, (VALUES ('2024-06-30'::timestamptz)) v(t)), 'value_at_point is value_at');
SELECT ok((SELECT abs(reaches_point(tr, 1e5) - extract(epoch FROM reaches(tr, 1e5))) < 1e-6 FROM mo),
	'reaches_point is reaches, to the microsecond');
SELECT is_empty($$ SELECT * FROM mo, projection_point(r, 0) p
	JOIN projection(r, '1970-01-01') t
		ON p.point = extract(epoch FROM t."time")
	WHERE (p.observed_share, p.fitted_share, p.lower, p.upper) IS DISTINCT FROM
		  (t.observed_share, t.fitted_share, t.lower, t.upper) $$,
	'projection_point''s observed rows are projection''s, point for time');
SELECT is((SELECT count(*) FROM mo, projection_point(r, 0)), (SELECT periods(r)::bigint FROM mo),
	'projection_point with until before the last period: the observed rows only');
SELECT is((SELECT array_agg(point) FROM mo, leader_change_points(m)),
	(SELECT array_agg(extract(epoch FROM "time")::float8) FROM mo, leader_changes(m)),
	'leader_change_points is leader_changes in epoch seconds');

-- every refusal over numeric time names the twin
SELECT is_empty($$ SELECT f, pg_temp.hint_of(format('SELECT %s FROM yr', f)) FROM unnest(ARRAY[
		'parity_at(r)', 'parity_interval(r)', 'fitted_share(r, now())', 'fitted_ratio(r, now())',
		'first_period(r)', 'last_period(tr)', 'first_period(m)', 'value_at(tr, now())',
		'reaches(tr, 1)', 'crossovers(r)', 'leader_changes(m)',
		'projection(r, now())', 'projection(tr, now())']) f
	WHERE pg_temp.hint_of(format('SELECT %s FROM yr', f)) NOT LIKE
		'Use ' || CASE f
			WHEN 'parity_at(r)' THEN 'parity_point'
			WHEN 'crossovers(r)' THEN 'crossover_points'
			WHEN 'leader_changes(m)' THEN 'leader_change_points'
			WHEN 'first_period(r)' THEN 'first_point'
			WHEN 'first_period(m)' THEN 'first_point'
			WHEN 'last_period(tr)' THEN 'last_point'
			ELSE split_part(f, '(', 1) || '_point' END || '(): it takes and returns numbers%' $$,
	'every accessor that needs time refuses numeric time with a hint naming its _point twin');
SELECT throws_ok('SELECT parity_interval(r) FROM yr', '22023',
	'parity_interval() needs a summary over timestamps or dates', 'the refusal is 22023');
SELECT is(pg_temp.hint_of($$ SELECT ratio_trend(r, '1 year') FROM yr $$),
	'Write ratio_trend(r) without per: it counts in units of the time column (per year when the column holds years).',
	'ratio_trend(r, ''1 year'') over years stays refused; the hint says what to write');
SELECT is(pg_temp.hint_of($$ SELECT growth_rate(tr, '1 year') FROM yr $$),
	'Write growth_rate(tr) without per: it counts in units of the time column (per year when the column holds years).',
	'so does growth_rate(tr, ''1 year'')');

-- arguments of the twins
SELECT throws_ok($$ SELECT fitted_share_point(r, 'NaN') FROM yr $$, '22023', 'point cannot be NaN',
	'a NaN point is refused, named');
SELECT throws_ok($$ SELECT * FROM yr, projection_point(r, 2030, 0) $$, '22023', 'step must be positive',
	'projection_point refuses a step of zero');
SELECT throws_ok($$ SELECT * FROM yr, projection_point(r, 'Infinity') $$, '22023', 'until cannot be infinite',
	'projection_point refuses an infinite until');
SELECT is((SELECT count(*) FROM yr, projection_point(r, 2021, 1e-300)), 8::bigint,
	'a step too small to move the point gives no step rows, not a loop');

-- a lead that changes hands every period, 2 000 periods: 1 999 crossovers,
-- each half-way between two periods (the log-ratio goes from ln 2 to -ln 2)
SELECT is((SELECT array_agg(c ORDER BY c) FROM crossover_points((SELECT rivalry_agg(t::float8, 1 + (t % 2), 2 - (t % 2))
		FROM generate_series(1, 2000) t)) c),
	(SELECT array_agg(k + 0.5::float8 ORDER BY k) FROM generate_series(1, 1999) k),
	'a lead that changes hands every period: a crossover half-way between each two of 2 000 periods');

-- a linear ratio a / b = t: share t / (1 + t), 0 where the line is 0, none below
SELECT is((SELECT format('%s %s %s', fitted_share_point(r, 0, 'linear'), fitted_share_point(r, -1, 'linear'),
		fitted_share_point(r, 1, 'linear')) FROM (SELECT rivalry_agg(t::float8, t, 1) r FROM generate_series(1, 4) t) x),
	'0  0.5', 'a linear ratio of 0 is a share of 0; below 0 it is no share (NULL)');

SELECT * FROM finish();
ROLLBACK;
