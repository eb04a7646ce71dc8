-- Fits of rivalry against R's lm() and glm(quasibinomial) on the shipped
-- Stack Overflow data: test/reference/rivalry.csv, made by rivalry.R.
\set ON_ERROR_STOP 1
\pset format unaligned
\pset tuples_only true
BEGIN;
CREATE EXTENSION IF NOT EXISTS pgtap;
CREATE EXTENSION adoption;

CREATE TEMP TABLE so_monthly (month date, tag text, posts float8);
\copy so_monthly FROM 'data/stackoverflow_tag_posts_monthly.csv' WITH (FORMAT csv, HEADER true)
CREATE TEMP TABLE so_yearly (year int, framework text, questions float8);
\copy so_yearly FROM 'data/stackoverflow_framework_questions_yearly.csv' WITH (FORMAT csv, HEADER true)
CREATE TEMP TABLE ref (casename text, method text, parity float8, lower float8, upper float8,
	slope float8, intercept float8, dispersion float8, deviance float8, df int, used int, skipped int);
\copy ref FROM 'test/reference/rivalry.csv' WITH (FORMAT csv, HEADER true)

CREATE TEMP TABLE ours AS
SELECT 'python_java' AS casename, rivalry_agg(month, tag, posts, 'python', 'java') AS r FROM so_monthly
UNION ALL
SELECT 'python_java_2012_2015', rivalry_agg(month, tag, posts, 'python', 'java') FROM so_monthly
WHERE month >= '2012-01-01' AND month < '2016-01-01'
UNION ALL
SELECT 'python_java_2012_q1', rivalry_agg(month, tag, posts, 'python', 'java') FROM so_monthly
WHERE month >= '2012-01-01' AND month < '2012-04-01'
UNION ALL
SELECT 'three_months', rivalry_agg(t, a, b) FROM (VALUES ('2020-01-01'::date, 400000.0, 600000.0),
	('2020-02-01', 500000, 500000), ('2020-03-01', 600100, 399900)) v(t, a, b)
UNION ALL
SELECT 'pytorch_tensorflow', rivalry_agg(year, framework, questions, 'pytorch', 'tensorflow') FROM so_yearly
UNION ALL
SELECT 'sparse_years', rivalry_agg(y, a, b) FROM (VALUES (2001, 1, 9), (2002, 0, 12), (2003, 4, 2),
	(2004, 30, 10), (2005, 2, 1), (2006, 60, 20)) v(y, a, b);

CREATE TEMP VIEW compared AS
SELECT ref.*, parity_point(r, method) AS our_parity, f.*,
	CASE WHEN casename LIKE 'python%' OR casename = 'three_months' THEN extract(epoch FROM (parity_interval(r, 0.95, method)).lower)
		ELSE (parity_interval_point(r, 0.95, method)).lower END AS our_lower,
	CASE WHEN casename LIKE 'python%' OR casename = 'three_months' THEN extract(epoch FROM (parity_interval(r, 0.95, method)).upper)
		ELSE (parity_interval_point(r, 0.95, method)).upper END AS our_upper
FROM ref JOIN ours USING (casename), LATERAL fit(r, method) AS f(our_slope, our_intercept, r2,
	our_deviance, our_dispersion, our_df, our_used, our_skipped);

SELECT plan(9);

SELECT is((SELECT count(*) FROM compared), 30::bigint, 'thirty reference fits: six cases (two of three months, one residual df), five methods');

-- parity: within a millisecond for epoch seconds (~1.5e9), 1e-9 of a year for years
SELECT is_empty($$ SELECT casename, method, our_parity, parity FROM compared
	WHERE abs(our_parity - parity) > CASE WHEN casename IN ('pytorch_tensorflow', 'sparse_years') THEN 1e-9 ELSE 1e-3 END $$,
	'parity agrees with R: the line reaches parity where lm and glm say');

SELECT is_empty($$ SELECT casename, method, our_slope, slope FROM compared
	WHERE abs(our_slope / slope - 1) > 1e-10 $$,
	'slopes agree with R to 1e-10 relative');

SELECT is_empty($$ SELECT casename, method, our_intercept, intercept FROM compared
	WHERE abs(our_intercept / intercept - 1) > 1e-10 $$,
	'intercepts (at epoch 0, at year 0) agree with R to 1e-10 relative');

SELECT is_empty($$ SELECT casename, method, our_dispersion, dispersion, our_deviance, deviance FROM compared
	WHERE abs(our_dispersion / dispersion - 1) > 1e-9 OR abs(our_deviance - deviance) > 1e-9 * greatest(1, deviance) $$,
	'residual variance, quasi-binomial dispersion and deviance agree with R to 1e-9 (a deviance below 1 absolutely: its terms of 1e5 cancel)');

SELECT is_empty($$ SELECT casename, method FROM compared
	WHERE our_df <> df OR our_used <> used OR our_skipped <> skipped $$,
	'degrees of freedom and periods used and skipped agree with R');

-- Fieller bounds, timestamps: within 0.01 s of R's general-form Fieller;
-- an unbounded end (NULL) where R's is infinite, no interval where R has none
SELECT is_empty($$ SELECT casename, method, our_lower, lower, our_upper, upper FROM compared
	WHERE (
		(our_lower IS NULL) IS DISTINCT FROM (lower IS NULL OR lower = '-infinity') OR
		(our_upper IS NULL) IS DISTINCT FROM (upper IS NULL OR upper = 'infinity') OR
		abs(our_lower - lower) > CASE WHEN casename IN ('pytorch_tensorflow', 'sparse_years') THEN 1e-9 ELSE 0.01 END OR
		abs(our_upper - upper) > CASE WHEN casename IN ('pytorch_tensorflow', 'sparse_years') THEN 1e-9 ELSE 0.01 END) $$,
	'Fieller intervals agree with R to 0.01 s (1e-9 of a year over years), and are unbounded where R''s are');

SELECT ok((SELECT (parity_interval(r)).estimate::date = to_timestamp(round(parity))::date
	FROM ours JOIN ref USING (casename) WHERE casename = 'python_java' AND method = 'loglinear'),
	'parity_interval''s estimate is parity_at');

-- the article: 3x -> 2x, the rivalry's parity is the two-point parity
SELECT is((SELECT parity_at(rivalry_agg(t, a, b)) FROM
	(VALUES ('2019-03-01'::date, 3.0, 1.0), ('2020-01-01', 2, 1)) v(t, a, b)),
	parity_at('2019-03-01'::date, 3, '2020-01-01'::date, 2),
	'a two-period rivalry_agg gives the two-point parity_at instant');

SELECT * FROM finish();
ROLLBACK;
