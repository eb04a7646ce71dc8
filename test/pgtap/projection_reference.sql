-- projection() against R's predict(lm, interval = "confidence") and
-- predict(lm, interval = "prediction"), and the logistic fit's predictive
-- band against the same formula over R's glm(), the empirical one over R's
-- weighted lm(), Williams' over his procedure on glm(): test/reference/projection.csv,
-- made by projection.R.
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
CREATE TEMP TABLE ref (casename text, "time" date, fitted float8, lower float8, upper float8);
\copy ref FROM 'test/reference/projection.csv' WITH (FORMAT csv, HEADER true)

CREATE TEMP TABLE ours AS
SELECT 'pytorch_trend' AS casename, p."time"::date AS "time", p.fitted, p.lower, p.upper
FROM (SELECT trend_agg(make_date(year, 7, 1), questions) tr FROM so_yearly
	  WHERE framework = 'pytorch' AND questions > 0) s,
	projection(tr, '2024-07-01', '1 year', 0.9) p
UNION ALL
SELECT 'python_java_share', p."time"::date, p.fitted_share, p.lower, p.upper
FROM (SELECT rivalry_agg(month, tag, posts, 'python', 'java') r FROM so_monthly) s,
	projection(r, '2021-07-01', '3 months') p
UNION ALL
SELECT 'pytorch_trend_prediction', p."time"::date, p.fitted, p.lower, p.upper
FROM (SELECT trend_agg(make_date(year, 7, 1), questions) tr FROM so_yearly
	  WHERE framework = 'pytorch' AND questions > 0) s,
	projection(tr, '2024-07-01', '1 year', 0.9, band => 'prediction') p
UNION ALL
SELECT 'python_java_share_prediction', p."time"::date, p.fitted_share, p.lower, p.upper
FROM (SELECT rivalry_agg(month, tag, posts, 'python', 'java') r FROM so_monthly) s,
	projection(r, '2021-07-01', '3 months', 0.8, band => 'prediction') p
UNION ALL
SELECT 'python_java_logistic_prediction', p."time"::date, p.fitted_share, p.lower, p.upper
FROM (SELECT rivalry_agg(month, tag, posts, 'python', 'java') r FROM so_monthly) s,
	projection(r, '2021-07-01', '3 months', method => 'logistic', band => 'prediction') p
UNION ALL
SELECT 'python_java_empirical_prediction', p."time"::date, p.fitted_share, p.lower, p.upper
FROM (SELECT rivalry_agg(month, tag, posts, 'python', 'java') r FROM so_monthly) s,
	projection(r, '2021-07-01', '3 months', method => 'empirical', band => 'prediction') p
UNION ALL
SELECT 'python_java_williams_prediction', p."time"::date, p.fitted_share, p.lower, p.upper
FROM (SELECT rivalry_agg(month, tag, posts, 'python', 'java') r FROM so_monthly) s,
	projection(r, '2021-07-01', '3 months', method => 'williams', band => 'prediction') p;

SELECT plan(9);
SELECT is((SELECT count(*) FROM ours JOIN ref USING (casename, "time")), (SELECT count(*) FROM ref),
	'one row per reference instant, observed periods and steps alike');
SELECT is_empty($$ SELECT * FROM ours JOIN ref r USING (casename, "time")
	WHERE casename = 'pytorch_trend' AND (abs(ours.fitted - r.fitted) > 1e-8 * abs(r.fitted)
		OR abs(ours.lower - r.lower) > 1e-8 * abs(r.fitted) OR abs(ours.upper - r.upper) > 1e-8 * abs(r.fitted)) $$,
	'trend projection: the line and its 90 % confidence band agree with R to 1e-8');
SELECT is_empty($$ SELECT * FROM ours JOIN ref r USING (casename, "time")
	WHERE casename = 'python_java_share' AND (abs(ours.fitted - r.fitted) > 1e-10
		OR abs(ours.lower - r.lower) > 1e-10 OR abs(ours.upper - r.upper) > 1e-10) $$,
	'rivalry projection: fitted share and its 95 % band agree with R to 1e-10');
SELECT is_empty($$ SELECT * FROM ours JOIN ref r USING (casename, "time")
	WHERE casename = 'pytorch_trend_prediction' AND (abs(ours.fitted - r.fitted) > 1e-8 * abs(r.fitted)
		OR abs(ours.lower - r.lower) > 1e-8 * abs(r.fitted) OR abs(ours.upper - r.upper) > 1e-8 * abs(r.fitted)) $$,
	'trend projection, band => prediction: R''s 90 % prediction interval to 1e-8');
SELECT is_empty($$ SELECT * FROM ours JOIN ref r USING (casename, "time")
	WHERE casename = 'python_java_share_prediction' AND (abs(ours.fitted - r.fitted) > 1e-10
		OR abs(ours.lower - r.lower) > 1e-10 OR abs(ours.upper - r.upper) > 1e-10) $$,
	'rivalry projection, band => prediction: R''s 80 % prediction interval of the log-ratio, as shares, to 1e-10');
SELECT is_empty($$ SELECT * FROM ours JOIN ref r USING (casename, "time")
	WHERE casename = 'python_java_logistic_prediction' AND (abs(ours.fitted - r.fitted) > 1e-9
		OR abs(ours.lower - r.lower) > 1e-9 OR abs(ours.upper - r.upper) > 1e-9) $$,
	'logistic projection, band => prediction: the quasi-binomial predictive band over R''s glm() to 1e-9');
SELECT is_empty($$ SELECT * FROM ours JOIN ref r USING (casename, "time")
	WHERE casename = 'python_java_empirical_prediction' AND (abs(ours.fitted - r.fitted) > 1e-9
		OR abs(ours.lower - r.lower) > 1e-9 OR abs(ours.upper - r.upper) > 1e-9) $$,
	'empirical projection, band => prediction: Cox''s variance of one more period over R''s weighted lm() to 1e-9');
SELECT is_empty($$ SELECT * FROM ours JOIN ref r USING (casename, "time")
	WHERE casename = 'python_java_williams_prediction' AND (abs(ours.fitted - r.fitted) > 1e-8
		OR abs(ours.lower - r.lower) > 1e-8 OR abs(ours.upper - r.upper) > 1e-8) $$,
	'williams projection, band => prediction: the logistic-normal variance of one more period over Williams'' procedure on R''s glm() to 1e-8');
SELECT ok((SELECT bool_and(p.lower < c.lower AND p.upper > c.upper)
	FROM (SELECT rivalry_agg(month, tag, posts, 'python', 'java') r FROM so_monthly) s,
		projection(r, '2021-07-01', '3 months', band => 'prediction') p
		JOIN projection(r, '2021-07-01', '3 months') c USING ("time")),
	'the prediction band contains the confidence band, row by row');
SELECT * FROM finish();
ROLLBACK;
