-- accessors of rivalry
SET TimeZone = 'UTC';
\pset null '(null)'

-- Stack Overflow posts per month (data/), Python against Java
CREATE TABLE so_accessors (month date, tag text, posts float8);
\copy so_accessors FROM 'data/stackoverflow_tag_posts_monthly.csv' WITH (FORMAT csv, HEADER true)
CREATE TABLE pj AS SELECT rivalry_agg(month, tag, posts, 'python', 'java') AS r FROM so_accessors;

SELECT periods(r), first_period(r), last_period(r), leader(r),
	round(share(r)::numeric, 6) AS share, round(ratio(r)::numeric, 6) AS ratio,
	round(first_ratio(r)::numeric, 6) AS first_ratio, round(last_ratio(r)::numeric, 6) AS last_ratio,
	round(ratio_change(r)::numeric, 6) AS ratio_change
FROM pj;

-- the same figures in plain SQL
SELECT count(DISTINCT month) AS periods,
	round((sum(posts) FILTER (WHERE tag = 'python') / sum(posts) FILTER (WHERE tag IN ('python', 'java')))::numeric, 6) AS share,
	round((sum(posts) FILTER (WHERE tag = 'python') / sum(posts) FILTER (WHERE tag = 'java'))::numeric, 6) AS ratio
FROM so_accessors WHERE tag IN ('python', 'java');

-- when did the lead change hands? Python passed Java in 2017 (R: see test/reference)
SELECT crossovers(r) FROM pj;
SELECT round(crossover_points(r)) AS epoch FROM pj;

-- parity by each method, in the three forms; R's lm and glm give epoch
-- 1480471843.79, 1480360953.73, 1443592374.04 (test/reference/rivalry.csv)
SELECT m AS method, parity_at(r, m)::date, round(parity_point(r, m)) AS epoch,
	round(parity_in(r, NULL, m)::numeric, 2) AS months_from_last,
	round(parity_in(r, '1 year', m)::numeric, 3) AS years_from_last
FROM pj, unnest(ARRAY['loglinear', 'logistic', 'linear']) m;
SELECT (parity_interval(r)).estimate::date, (parity_interval(r)).lower::date, (parity_interval(r)).upper::date FROM pj;
SELECT (parity_interval(r, 0.99, 'logistic')).* FROM pj;
-- the ratio trend per year and per month: (1 + monthly)^12 = 1 + yearly over 365.25 days
SELECT round(ratio_trend(r)::numeric, 6) AS per_year, round(ratio_trend(r, '1 month')::numeric, 6) AS per_month,
	round(((1 + ratio_trend(r, '1 day')) ^ 365.25 - 1 - ratio_trend(r))::numeric, 12) AS consistent
FROM pj;

-- fitted values: at parity the share is one half and the ratio one
SELECT round(fitted_share(r, parity_at(r))::numeric, 12) AS half,
	round(fitted_ratio(r, parity_at(r))::numeric, 12) AS one,
	round(fitted_share(r, parity_at(r, 'linear'), 'linear')::numeric, 12) AS half_linear,
	round(fitted_ratio(r, '2010-01-01')::numeric, 6) AS ratio_2010
FROM pj;
-- a linear ratio below zero has no share
SELECT fitted_share(r, '1990-01-01', 'linear'), fitted_ratio(r, '1990-01-01', 'linear') FROM pj;

-- diagnostics
SELECT m AS method, f.df, f.periods_used, f.periods_skipped, f.r2 IS NOT NULL AS has_r2,
	round(f.dispersion::numeric, 6) AS dispersion
FROM pj, unnest(ARRAY['loglinear', 'logistic', 'linear']) m, fit(r, m) f;

-- projection rows for a chart: every observed period, then every step to until
SELECT count(*) AS rows, count(observed_share) AS observed, min("time")::date, max("time")::date,
	bool_and(lower <= fitted_share AND fitted_share <= upper) AS inside
FROM pj, projection(r, '2022-07-01', '1 month');
SELECT "time"::date, round(fitted_share::numeric, 4) AS fitted, round(lower::numeric, 4) AS lower,
	round(upper::numeric, 4) AS upper, round(fitted_ratio::numeric, 4) AS ratio
FROM pj, projection(r, '2021-01-31', '3 months') WHERE "time" > '2020-07-01';
-- month ends do not drift
SELECT "time"::date FROM (SELECT rivalry_agg('2020-01-31'::date, 1, 2) r) x, projection(r, '2020-06-30', '1 month');

-- zero counts: loglinear skips them, logistic uses them
CREATE TABLE zeros AS SELECT rivalry_agg(t, a, b) AS r
FROM (VALUES (1, 0.0, 10.0), (2, 1, 10), (3, 4, 10), (4, 9, 10), (5, 20, 10), (6, 30, 0)) v(t, a, b);
SELECT m AS method, f.periods_used, f.periods_skipped FROM zeros, unnest(ARRAY['loglinear', 'logistic', 'linear']) m, fit(r, m) f;
SELECT crossover_points(r) FROM zeros;
SELECT ratio(r), first_ratio(r), last_ratio(r), ratio_change(r) FROM zeros;

-- ties: a lead that passes through a tie changes at the tied period
SELECT crossover_points(rivalry_agg(t, a, b)) FROM (VALUES (1, 2.0, 1.0), (2, 1, 1), (3, 1, 2), (4, 1, 1), (5, 1, 1)) v(t, a, b);

-- one and two periods; a flat ratio; numeric time
CREATE TABLE small AS SELECT
	(SELECT rivalry_agg(t, 2, 1) FROM (VALUES (2019)) v(t)) AS one,
	(SELECT rivalry_agg(t, a, 1) FROM (VALUES (2019, 3.0), (2020, 2.0)) v(t, a)) AS two,
	(SELECT rivalry_agg(t, 2, 1) FROM generate_series(2010, 2020) t) AS flat;
SELECT parity_point(one), (fit(one)).status AS one_fit,
	round(parity_point(two)::numeric, 6) AS two_point, parity_interval('{"version":1,"time":"date","periods":[["2019-03-01",3,1,1,1],["2020-01-01",2,1,1,1]]}'::rivalry) IS NULL AS two_interval,
	parity_point(flat) AS flat_point, round(ratio_trend(flat)::numeric, 12) AS flat_trend
FROM small;
SELECT round(parity_in(two)::numeric, 6) AS units_from_last, round(ratio_trend(two)::numeric, 6) AS per_unit FROM small;
-- a slope that is not significant: parity far off, its interval unbounded
SELECT (parity_interval(r)).* FROM (SELECT rivalry_agg(t::date, a, 1) AS r FROM
	(VALUES ('2020-01-01', 2.0), ('2020-02-01', 2.1), ('2020-03-01', 1.9), ('2020-04-01', 2.0)) v(t, a)) x;
-- a NULL summary, method or unit
SELECT parity_in(NULL::rivalry), parity_in(r, NULL, NULL), ratio_trend(NULL::rivalry) FROM pj;
-- an empty summary
SELECT periods(r), first_period(r), share(r), ratio(r), leader(r), parity_at(r), (fit(r)).slope IS NULL AS no_fit,
	(fit(r)).status
FROM (SELECT '{"version":1,"time":"date","periods":[]}'::rivalry r) x;
SELECT count(*) FROM projection('{"version":1,"time":"date","periods":[]}'::rivalry, '2020-01-01');

-- bad input
SELECT parity_at(r, 'spline') FROM pj;
SELECT parity_interval(r, 1.5) FROM pj;
SELECT ratio_trend(r, '-1 month') FROM pj;
SELECT ratio_trend(r, '0 days') FROM pj;
SELECT parity_in(two, '1 month') FROM small;
SELECT parity_at(two) FROM small;
SELECT crossovers(two) FROM small;
SELECT first_period(two) FROM small;
SELECT fitted_share(r, 'infinity') FROM pj;
SELECT count(*) FROM pj, projection(r, 'infinity');
SELECT count(*) FROM pj, projection(r, '2030-01-01', '-1 month');
SELECT count(*) FROM pj, projection(r, '2030-01-01', '0 months');
SET adoption.max_periods = 200;
SELECT count(*) FROM pj, projection(r, '2300-01-01', '1 month');
RESET adoption.max_periods;
-- parity beyond the range of timestamptz
SELECT parity_at(rivalry_agg(t, a, 1)) FROM (VALUES ('2020-01-01'::date, 3.0), ('2020-01-02', 2.9999999999)) v(t, a);
SELECT 'still up' AS server;
