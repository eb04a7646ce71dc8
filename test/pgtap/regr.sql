-- Fits against PostgreSQL's own regr_slope and regr_intercept, and observed
-- crossovers against the same computation in plain SQL.
\set ON_ERROR_STOP 1
\pset format unaligned
\pset tuples_only true
BEGIN;
CREATE EXTENSION IF NOT EXISTS pgtap;
CREATE EXTENSION adoption;

CREATE TEMP TABLE so_monthly (month date, tag text, posts float8);
\copy so_monthly FROM 'data/stackoverflow_tag_posts_monthly.csv' WITH (FORMAT csv, HEADER true)
CREATE TEMP TABLE pairs AS
SELECT month, sum(posts) FILTER (WHERE tag = 'python') AS a, sum(posts) FILTER (WHERE tag = 'java') AS b
FROM so_monthly GROUP BY month HAVING sum(posts) FILTER (WHERE tag = 'python') > 0
	AND sum(posts) FILTER (WHERE tag = 'java') > 0;

SELECT plan(10);

-- loglinear: ln(a/b) on epoch seconds
SELECT ok((SELECT abs((fit(rivalry_agg(month, a, b))).slope
		/ regr_slope(ln(a / b), extract(epoch FROM month)::float8) - 1) < 1e-10 FROM pairs),
	'loglinear slope equals regr_slope(ln(a/b), epoch) to 1e-10');
SELECT ok((SELECT abs((fit(rivalry_agg(month, a, b))).intercept
		/ regr_intercept(ln(a / b), extract(epoch FROM month)::float8) - 1) < 1e-10 FROM pairs),
	'loglinear intercept equals regr_intercept(ln(a/b), epoch) to 1e-10');
-- and the parity a user would compute from them
SELECT ok((SELECT abs(parity_point(rivalry_agg(month, a, b))
		- (-regr_intercept(ln(a / b), extract(epoch FROM month)::float8)
		   / regr_slope(ln(a / b), extract(epoch FROM month)::float8))) < 1e-3 FROM pairs),
	'parity equals -regr_intercept / regr_slope to a millisecond');

-- linear: a/b on epoch seconds
SELECT ok((SELECT abs((fit(rivalry_agg(month, a, b), 'linear')).slope
		/ regr_slope(a / b, extract(epoch FROM month)::float8) - 1) < 1e-10 FROM pairs),
	'linear slope equals regr_slope(a/b, epoch) to 1e-10');
SELECT ok((SELECT abs((fit(rivalry_agg(month, a, b), 'linear')).r2
		/ regr_r2(a / b, extract(epoch FROM month)::float8) - 1) < 1e-10 FROM pairs),
	'linear r2 equals regr_r2 to 1e-10');

-- numeric time as epoch seconds around 2e9: centring keeps every digit
CREATE TEMP TABLE far AS
SELECT (2e9 + i * 86400.0)::float8 AS t, (100 + i * 3 + (i % 5))::float8 AS a, (200 - i + (i % 3))::float8 AS b
FROM generate_series(0, 99) i;
SELECT ok((SELECT abs((fit(rivalry_agg(t, a, b))).slope / regr_slope(ln(a / b), t) - 1) < 1e-10 FROM far),
	'slope at epoch ~2e9 equals regr_slope to 1e-10');
SELECT ok((SELECT abs((fit(rivalry_agg(t, a, b))).intercept / regr_intercept(ln(a / b), t) - 1) < 1e-10 FROM far),
	'intercept at epoch ~2e9 equals regr_intercept to 1e-10');

-- trend: slope per year of 365.25 days is regr_slope per second times that
SELECT ok((SELECT abs(slope(trend_agg(month, a)) / (regr_slope(a, extract(epoch FROM month)::float8) * 31557600) - 1) < 1e-10
	FROM pairs), 'trend slope equals regr_slope to 1e-10');
SELECT ok((SELECT abs(growth_rate(trend_agg(month, a)) - (exp(regr_slope(ln(a), extract(epoch FROM month)::float8) * 31557600) - 1)) < 1e-10
	FROM pairs), 'trend growth rate equals exp(regr_slope(ln a)) - 1 to 1e-10');

-- crossovers: where the sign of ln(a/b) flips between consecutive months,
-- interpolated linearly in ln(a/b), computed with lag()
SELECT set_eq(
	$$ SELECT round(crossover_points(rivalry_agg(month, a, b))::numeric, 3) FROM pairs $$,
	$$ SELECT round((extract(epoch FROM prev_month) + (extract(epoch FROM month) - extract(epoch FROM prev_month))
			* prev_y / (prev_y - y))::numeric, 3)
	   FROM (SELECT month, ln(a / b) AS y, lag(month) OVER w AS prev_month, lag(ln(a / b)) OVER w AS prev_y
			 FROM pairs WINDOW w AS (ORDER BY month)) s
	   WHERE sign(y) * sign(prev_y) < 0 $$,
	'crossovers are the sign changes of the log-ratio, interpolated');

SELECT * FROM finish();
ROLLBACK;
