-- One degenerate group never fails a whole query.  A dashboard's GROUP BY
-- over 40 healthy groups and five odd ones (one period, two periods, a ratio
-- that never moves, a misspelled label, a parity beyond timestamptz), and
-- projections too long for any chart, return a row for every group: numbers
-- for the healthy, NULLs that say why for the odd, never an error or an
-- infinity.
-- Observations that are no counts stay errors, which name the row.
\set ON_ERROR_STOP 1
\pset format unaligned
\pset tuples_only true
BEGIN;
CREATE EXTENSION IF NOT EXISTS pgtap;
CREATE EXTENSION adoption;
SET LOCAL TimeZone = 'UTC';

CREATE TEMP TABLE obs (grp text, t date, label text, value float8);
-- 40 healthy groups and 5 odd ones; healthy: python grows 3 % a month from 100, java falls 1 % from 300
INSERT INTO obs
SELECT 'healthy_' || g, make_date(2015, 1, 1) + make_interval(months => m), l,
	round(CASE l WHEN 'python' THEN 100 * exp(0.03 * m + 0.001 * g) ELSE 300 * exp(-0.01 * m) END
		  * (1 + 0.02 * sin(m * g)))
FROM generate_series(1, 40) g, generate_series(0, 35) m, unnest(ARRAY['python', 'java']) l;
INSERT INTO obs VALUES
	('one_period', '2020-01-01', 'python', 5), ('one_period', '2020-01-01', 'java', 10),
	('two_periods', '2020-01-01', 'python', 5), ('two_periods', '2020-01-01', 'java', 10),
	('two_periods', '2020-02-01', 'python', 6), ('two_periods', '2020-02-01', 'java', 10);
-- flat: the ratio is one half every month
INSERT INTO obs SELECT 'flat', make_date(2019, 1, 1) + make_interval(months => m), l,
	CASE l WHEN 'python' THEN 50 * (m + 1) ELSE 100 * (m + 1) END
FROM generate_series(0, 11) m, unnest(ARRAY['python', 'java']) l;
-- misspelled: the python rows say 'Python'
INSERT INTO obs SELECT 'misspelled', t, CASE label WHEN 'python' THEN 'Python' ELSE label END, value
FROM obs WHERE grp = 'healthy_1';
-- far: the ratio moves by a billionth a month; parity lies past the year 294276
INSERT INTO obs SELECT 'far', make_date(2019, 1, 1) + make_interval(months => m), l,
	CASE l WHEN 'python' THEN 1e12 * (1 + 1e-9 * m + 1e-10 * (m % 2)) ELSE 2e12 END
FROM generate_series(0, 11) m, unnest(ARRAY['python', 'java']) l;

CREATE TEMP TABLE summaries AS
SELECT grp, rivalry_agg(t, label, value, 'python', 'java') AS r FROM obs GROUP BY grp;

-- what a dashboard reads, as a view (BI tools read views)
CREATE TEMP VIEW dashboard AS
SELECT grp, periods(r) AS periods, overall_share(r) AS share, parity_at(r) AS parity,
	parity_point(r) AS parity_point, (parity_interval(r)).*, (fit(r)).status, (fit(r)).periods_used,
	parity_at(first_period(r), first_ratio(r), last_period(r), last_ratio(r)) AS two_point
FROM summaries WHERE grp <> 'misspelled'
UNION ALL
SELECT grp, periods(r), overall_share(r), parity_at(r), parity_point(r), (parity_interval(r)).*,
	(fit(r)).status, (fit(r)).periods_used, NULL
FROM summaries WHERE grp = 'misspelled';

-- the error a statement raises: sqlstate, message, detail and hint
CREATE FUNCTION pg_temp.error_of(statement text) RETURNS text[] LANGUAGE plpgsql AS $$
DECLARE
	state text;
	message text;
	detail text;
	hint text;
BEGIN
	EXECUTE statement;
	RETURN NULL;
EXCEPTION WHEN OTHERS THEN
	GET STACKED DIAGNOSTICS state = RETURNED_SQLSTATE, message = MESSAGE_TEXT,
		detail = PG_EXCEPTION_DETAIL, hint = PG_EXCEPTION_HINT;
	RETURN ARRAY[state, message, detail, hint];
END $$;

SELECT plan(27);

SELECT is((SELECT count(*) FROM dashboard), 45::bigint, 'the dashboard has a row for every group, odd ones too');
SELECT is_empty($$ SELECT grp FROM dashboard WHERE grp LIKE 'healthy%'
	AND NOT (bounded AND lower < estimate AND estimate < upper AND parity = estimate AND status = 'ok'
			 AND two_point IS NOT NULL AND parity_point IS NOT NULL) $$,
	'healthy groups: a parity inside a bounded interval, fit ok, a two-point parity');
SELECT is_empty($$ SELECT grp FROM dashboard
	WHERE lower IN ('-infinity', 'infinity') OR upper IN ('-infinity', 'infinity')
	   OR estimate IN ('-infinity', 'infinity') OR parity IN ('-infinity', 'infinity')
	   OR two_point IN ('-infinity', 'infinity') $$,
	'no group has an infinite instant: drivers read those as year 292269055');

-- one period
SELECT is((SELECT (parity, estimate, lower, upper, bounded, two_point)::text FROM dashboard WHERE grp = 'one_period'),
	'(,,,,,)', 'one period: no parity, no interval, and the two-point parity at t1 = t2 with equal ratios is NULL');
SELECT is((SELECT status FROM dashboard WHERE grp = 'one_period'), 'fewer than two periods the method can use',
	'one period: fit() says why');
-- two periods: a line, no residual degrees of freedom
SELECT ok((SELECT parity IS NOT NULL AND estimate IS NULL AND bounded IS NULL AND status = 'ok' FROM dashboard WHERE grp = 'two_periods'),
	'two periods: a parity, fit() ok, and no interval without residual degrees of freedom');
SELECT is((SELECT two_point FROM dashboard WHERE grp = 'two_periods'),
	parity_at('2020-01-01'::date, 0.5, '2020-02-01'::date, 0.6), 'two periods: the two-point parity of its ratios');
-- flat
SELECT is((SELECT (parity, parity_point, estimate, lower, upper, bounded, two_point)::text FROM dashboard WHERE grp = 'flat'),
	'(,,,,,f,)', 'a ratio that never moves: no parity, an unbounded interval with NULL ends');
-- misspelled
SELECT is((SELECT (periods, share, parity, periods_used)::text FROM dashboard WHERE grp = 'misspelled'),
	'(36,0,,0)', 'a misspelled a_label: every period has only b, the share is 0, no parity, no period used');
SELECT is((SELECT status FROM dashboard WHERE grp = 'misspelled'),
	'a is zero in every period: no period used (check that a_label is spelled as in the data)',
	'fit() says a is never observed, and what to check');
SELECT is((SELECT (fit(rivalry_agg(t, label, value, 'python', 'Java'))).status FROM obs WHERE grp = 'healthy_2'),
	'b is zero in every period: no period used (check that b_label is spelled as in the data)',
	'and the same for b');
SELECT is((SELECT (fit(r, 'logistic')).status FROM summaries WHERE grp = 'misspelled'),
	'a is zero in every period: no period used (check that a_label is spelled as in the data)',
	'with every method: logistic would otherwise report a separation');
-- far
SELECT ok((SELECT parity IS NULL AND estimate IS NULL AND two_point IS NULL
		AND parity_point > extract(epoch FROM 'infinity'::timestamptz - interval '1 year') IS NOT TRUE
		AND parity_point > 9.2e12 FROM dashboard WHERE grp = 'far'),
	'a parity past the year 294276: NULL as an instant, a number as a point');
SELECT is((SELECT status FROM dashboard WHERE grp = 'far'), 'ok', 'its fit is fine');

-- projections over every group, with a cap instead of an error
SET LOCAL adoption.max_periods = 500;
SET LOCAL client_min_messages = warning;
SELECT is((SELECT count(*) FROM summaries s, projection(s.r, '2300-01-01', '1 day') p WHERE grp <> 'misspelled'),
	(SELECT sum(periods(r) + 500) FROM summaries WHERE grp <> 'misspelled'),
	'projection to 2300 by the day over every group: each cut short at adoption.max_periods steps, none failed');
SELECT is((SELECT count(*) FROM summaries s, projection(s.r, '2300-01-01', '1 day', band => 'prediction') p
		WHERE grp = 'one_period' AND p.lower IS NULL AND p.fitted_share IS NULL), 501::bigint,
	'one period: rows with no line and no band');
RESET adoption.max_periods;
RESET client_min_messages;
SELECT is((SELECT count(*) FROM summaries s, unnest(s.r) u), (SELECT sum(periods(r)) FROM summaries),
	'unnest() over every group: a row per period');

-- observations that are no counts: errors, naming the row and the filter
SELECT is(pg_temp.error_of($$ SELECT grp, rivalry_agg(t, label, value, 'python', 'java') FROM (
		SELECT * FROM obs UNION ALL VALUES ('healthy_3', '2016-03-01'::date, 'java', -4)) o GROUP BY grp $$),
	ARRAY['22023', 'value cannot be negative', 'The row at time 2016-03-01 has value = -4.',
		  'Observations are counts or levels. Leave such rows out with a condition on the expression passed as value, such as WHERE value >= 0.'],
	'a negative value: 22023, the row''s time, and WHERE value >= 0');
SELECT is(pg_temp.error_of($$ SELECT rivalry_agg(t, a, b) FROM (VALUES (2019.5, 1, 'NaN'::float8)) v(t, a, b) $$),
	ARRAY['22023', 'b cannot be NaN', 'The row at time 2019.5 has b = NaN.',
		  'Observations are counts or levels. Leave such rows out with a condition on the expression passed as b, such as WHERE b <> ''NaN''.'],
	'NaN: WHERE b <> ''NaN''');
SELECT is(pg_temp.error_of($$ SELECT trend_agg(t, v) FROM (VALUES ('2020-05-01 12:00'::timestamp, 'Infinity'::float8)) x(t, v) $$),
	ARRAY['22023', 'value cannot be infinite', 'The row at time 2020-05-01 12:00:00 has value = Infinity.',
		  'Observations are counts or levels. Leave such rows out with a condition on the expression passed as value, such as WHERE value < ''Infinity''.'],
	'infinity: WHERE value < ''Infinity''');
SELECT is((SELECT count(*) FROM (SELECT grp, rivalry_agg(t, label, value, 'python', 'java') FROM (
		SELECT * FROM obs UNION ALL VALUES ('healthy_3', '2016-03-01'::date, 'java', -4)) o
		WHERE value >= 0 GROUP BY grp) s), 45::bigint,
	'the hint''s filter works');
SELECT is(pg_temp.error_of($$ SELECT parity_at(1::float8, 2, 1::float8, 3) $$)::text,
	ARRAY['22023', 't1 and t2 cannot be equal', 'Two different ratios observed at the same time give no trend.',
		  'With equal ratios too, the ratio does not move and the result is NULL.']::text,
	'two different ratios at one time remain an error');

-- periods a method cannot use are left out, as if they were not there:
-- b = 0 for linear (no ratio), a side of 0 for loglinear (no log), a + b = 0
-- for the count methods (no trials)
CREATE TEMP TABLE holes (t float8, a float8, b float8, hole text);
INSERT INTO holes VALUES (1, 10, 30, NULL), (2, 12, 29, NULL), (3, 5, 0, 'b'), (4, 15, 27, NULL),
	(5, 0, 26, 'a'), (6, 19, 25, NULL), (7, 0, 0, 'both'), (8, 24, 22, NULL), (9, 25, 21, NULL);
SELECT is((SELECT string_agg(format('%s %s/%s', m, (f).periods_used, (f).periods_skipped), ', ' ORDER BY m)
	FROM unnest(ARRAY['empirical', 'linear', 'logistic', 'loglinear', 'williams']) m,
		LATERAL (SELECT fit(rivalry_agg(t, a, b), m) AS f FROM holes) x),
	'empirical 8/1, linear 7/2, logistic 8/1, loglinear 6/3, williams 8/1',
	'the periods each method uses and skips');
SELECT is_empty($$ SELECT m FROM unnest(ARRAY['empirical', 'linear', 'logistic', 'loglinear', 'williams']) m
	WHERE (SELECT ((fit(rivalry_agg(t, a, b), m)).slope, (fit(rivalry_agg(t, a, b), m)).intercept) FROM holes)
		IS DISTINCT FROM (SELECT ((fit(rivalry_agg(t, a, b), m)).slope, (fit(rivalry_agg(t, a, b), m)).intercept) FROM holes
			WHERE CASE m WHEN 'linear' THEN b > 0 WHEN 'loglinear' THEN a > 0 AND b > 0 ELSE a + b > 0 END) $$,
	'and each fits the periods it uses exactly as if the others were not there');

SELECT is((SELECT (fit(rivalry_agg(t, a, b))).status FROM (VALUES (1, 0, 5)) v(t, a, b)),
	'a is zero in every period: no period used (check that a_label is spelled as in the data)',
	'one period with a = 0: the status names the missing side, not only that one period is too few');

-- two periods: a line through both, nothing left to estimate a variance (the
-- rounding of these two leaves a Pearson statistic just above 0: no phi is
-- looked for all the same)
SELECT is((SELECT string_agg(format('%s %s %s %s', m, f.df, coalesce(f.dispersion::text, 'NULL'),
		coalesce(i.bounded::text, 'NULL')), ', ' ORDER BY m)
	FROM (SELECT rivalry_agg(t, a, b) r FROM (VALUES (1, 25, 75), (2, 10, 90)) v(t, a, b)) s,
		unnest(ARRAY['empirical', 'linear', 'logistic', 'loglinear', 'williams']) m,
		fit(r, m) f, parity_interval_point(r, 0.95, m) i),
	'empirical 0 NULL NULL, linear 0 NULL NULL, logistic 0 NULL NULL, loglinear 0 NULL NULL, williams 0 NULL NULL',
	'two periods: every method has no residual df, no dispersion and no interval');
SELECT ok((SELECT abs((fit(r, 'williams')).slope - (ln(10.0 / 90) - ln(25.0 / 75))) < 1e-12
	FROM (SELECT rivalry_agg(t, a, b) r FROM (VALUES (1, 25, 75), (2, 10, 90)) v(t, a, b)) s),
	'and williams'' line is the logit through both shares, as logistic''s (no phi to look for)');

SELECT * FROM finish();
ROLLBACK;
