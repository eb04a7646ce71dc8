-- trend_agg() and the accessors of trend
SET TimeZone = 'UTC';
\pset null '(null)'

-- Stack Overflow questions tagged pytorch per year (data/), years as numbers
CREATE TABLE questions (year int, framework text, questions float8);
\copy questions FROM 'data/stackoverflow_framework_questions_yearly.csv' WITH (FORMAT csv, HEADER true)
SELECT trend_agg(year, questions) FROM questions WHERE framework = 'pytorch' AND questions > 0;

-- exact doubling: 1, 2, 4, 8 per year; a straight line: 10, 20, 30, 40
CREATE TABLE doubling AS SELECT trend_agg(make_date(y, 1, 1), 2 ^ (y - 2016)) AS tr,
	trend_agg(y, 2 ^ (y - 2016)) AS tr_num
FROM generate_series(2016, 2019) y;
CREATE TABLE line AS SELECT trend_agg(make_date(y, 1, 1), 10 * (y - 2015)) AS tr
FROM generate_series(2016, 2019) y;

-- growth per year of 365.25 days: 2016-2019 has one leap year in 3 years of 1095 days
SELECT periods(tr), first_period(tr), last_period(tr), first_value(tr), last_value(tr), change(tr),
	round(growth_rate(tr)::numeric, 6) AS per_year,
	round(growth_rate(tr_num)::numeric, 12) AS per_unit,
	round(doubling_time(tr_num)::numeric, 12) AS doubling_units,
	round(doubling_time(tr, '1 day')::numeric, 6) AS doubling_days
FROM doubling;
SELECT round(slope(tr, '1 day')::numeric, 10) AS per_day, round(r2(tr)::numeric, 12) AS r2,
	value_at(tr, '2016-01-01') AS at_first, round(value_at(tr, '2020-01-01')::numeric, 6) AS next_year,
	reaches(tr, 10) AS reaches_10, reaches(tr, 25)::date AS reaches_25
FROM line;

-- declining: no doubling time; flat: no instant it reaches another level
SELECT doubling_time(trend_agg(t, v)) FROM (VALUES (1, 4.0), (2, 2.0), (3, 1.0)) x(t, v);
SELECT reaches(trend_agg(t::date, 5), 6) FROM (VALUES ('2020-01-01'), ('2020-02-01')) x(t);
-- zeros are skipped by the log-linear fit only
SELECT round(growth_rate(tr)::numeric, 12) AS growth, round(slope(tr)::numeric, 12) AS slope
FROM (SELECT trend_agg(t, v) tr FROM (VALUES (1, 0.0), (2, 1), (3, 2), (4, 4)) x(t, v)) s;
-- NULL rows skipped, empty input NULL, one period gives no fit
SELECT trend_agg(t, v) FROM (VALUES (1, 1.0), (NULL, 2), (3, NULL)) x(t, v);
SELECT trend_agg(t, v) IS NULL AS empty FROM (VALUES (1, 1.0)) x(t, v) WHERE false;
SELECT slope(tr), growth_rate(tr), r2(tr), change(tr) FROM (SELECT trend_agg(1, 5) tr) s;
SELECT change(trend_agg(t, v)) FROM (VALUES (1, 0.0), (2, 1.0)) x(t, v);
SELECT slope(NULL::trend), growth_rate(NULL::trend), doubling_time(NULL::trend);

-- chart rows: observed years, then yearly steps; a band only from three periods
SELECT "time"::date, observed, round(fitted::numeric, 6) AS fitted, round(lower::numeric, 6) AS lower,
	round(upper::numeric, 6) AS upper
FROM line, projection(tr, '2021-01-01', '1 year');
SELECT count(*), count(lower) FROM projection((SELECT trend_agg(t::date, v)
	FROM (VALUES ('2020-01-01', 1.0), ('2020-02-01', 2.0)) x(t, v)), '2020-06-01');
SELECT count(*) FROM projection('{"version":1,"time":"date","periods":[]}'::trend, '2020-06-01');

-- bad input
SELECT count(*) FROM line, projection(tr, 'infinity');
SELECT count(*) FROM line, projection(tr, '2030-01-01', '0 days');
SELECT count(*) FROM line, projection(tr, '2030-01-01', '1 year', 1);
SELECT count(*) FROM doubling, projection(tr_num, '2030-01-01');
SELECT trend_agg(t, v) FROM (VALUES (1, -1.0)) x(t, v);
SELECT trend_agg(t, v) FROM (VALUES (1, 'NaN'::float8)) x(t, v);
SELECT trend_agg(t, v) FROM (VALUES ('infinity'::date, 1.0)) x(t, v);
SELECT slope(tr_num, '1 year') FROM doubling;
SELECT growth_rate(tr, '-1 year') FROM doubling;
SELECT value_at(tr_num, '2020-01-01') FROM doubling;
SELECT reaches(tr, 'NaN') FROM line;
SELECT value_at(tr, '-infinity') FROM line;
SELECT 'still up' AS server;
