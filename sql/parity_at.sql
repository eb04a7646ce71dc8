-- parity_at(t1, ratio1, t2, ratio2, method): two-point parity projection

-- The article: TensorFlow:PyTorch job listings 3x on 2019-03-01, 2x on
-- 2020-01-01 (306 days later).
-- loglinear: parity 306 * ln 3 / ln 1.5 = 829.1104551535 days after 2019-03-01
--            = 2021-06-07 02:39:03.325 UTC
-- linear:    the ratio falls by 1 every 306 days: 612 days, 2020-11-02 00:00 UTC
SET TimeZone = 'UTC';
SELECT parity_at('2019-03-01'::date, 3, '2020-01-01'::date, 2) AS loglinear,
	parity_at('2019-03-01'::date, 3, '2020-01-01'::date, 2, 'linear') AS linear;
SELECT parity_at('2019-03-01'::date, 3, '2020-01-01'::date, 2) - '2019-03-01'::date AS after_first,
	round((extract(epoch FROM parity_at('2019-03-01'::date, 3, '2020-01-01'::date, 2)
		- '2019-03-01'::timestamptz) / 86400 - 306 * ln(3) / ln(1.5))::numeric, 6) AS error_days;

-- timestamptz and timestamp give the same instant; so does any TimeZone
SELECT parity_at('2019-03-01 00:00+00'::timestamptz, 3, '2020-01-01 00:00+00'::timestamptz, 2)
	= parity_at('2019-03-01'::date, 3, '2020-01-01'::date, 2) AS same_tz,
	parity_at('2019-03-01'::timestamp, 3, '2020-01-01'::timestamp, 2)
	= parity_at('2019-03-01'::date, 3, '2020-01-01'::date, 2) AS same_ts;
SET TimeZone = 'America/Los_Angeles';
SELECT parity_at('2019-03-01'::timestamp, 3, '2020-01-01'::timestamp, 2) AT TIME ZONE 'UTC' AS utc;
SET TimeZone = 'UTC';

-- numeric time, e.g. months: 10 * ln 3 / ln 1.5 = 27.0951 and 20
SELECT round(parity_at(0, 3, 10, 2)::numeric, 10) AS loglinear_months,
	parity_at(0, 3, 10, 2, 'linear') AS linear_months,
	round((parity_at(0, 3, 10, 2) - 10 * ln(3) / ln(1.5))::numeric, 12) AS error;
-- years as integers; parity in the past; reversed order of observations
SELECT parity_at(2018, 0.5, 2019, 2) AS crossed, parity_at(2019, 4, 2020, 8) AS past,
	parity_at(2020, 2, 2019, 0.5) AS reversed;
-- at parity on the first observation
SELECT parity_at(2018, 1, 2019, 2) AS at_first;
-- the ratio does not move: no parity
SELECT parity_at(2018, 2, 2019, 2) AS flat, parity_at(2018, 1, 2019, 1) AS always,
	parity_at('2019-03-01'::date, 3, '2020-01-01'::date, 3, 'linear') AS flat_linear;
-- linear accepts a zero ratio
SELECT parity_at(0, 0, 1, 2, 'linear') AS from_zero;
SELECT parity_at(NULL::float8, 3, 10, 2) IS NULL AS strict;

-- bad input
SELECT parity_at(0, 3, 10, 2, 'log-linear');
SELECT parity_at(0, 3, 10, 2, 'logistic');
SELECT parity_at(0, 0, 10, 2);
SELECT parity_at(0, 3, 10, 0, 'loglinear');
SELECT parity_at(0, -3, 10, 2, 'linear');
SELECT parity_at(0, 3, 10, 'NaN');
SELECT parity_at(0, 'Infinity', 10, 2);
SELECT parity_at(5, 3, 5, 2);
SELECT parity_at('2019-03-01'::date, 3, '2019-03-01'::date, 2);
SELECT parity_at('NaN', 3, 10, 2);
SELECT parity_at(0, 3, 'Infinity', 2);
SELECT parity_at('-infinity'::date, 3, '2020-01-01'::date, 2);
SELECT parity_at('2019-03-01'::timestamptz, 3, 'infinity'::timestamptz, 2);
-- a ratio that barely moves puts parity beyond the year 294276
SELECT parity_at('2019-03-01'::date, 3, '2019-03-02'::date, 2.9999999999);
SELECT parity_at('5000000-01-01'::date, 3, '5000001-01-01'::date, 2);
SELECT parity_at(0, 3, 1e308, 2, 'linear');
