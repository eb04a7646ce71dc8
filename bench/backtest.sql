-- backtest() on 1 000 daily periods against the SQL a user would write for
-- the same projections (a regr_* fit per origin over the periods up to it,
-- the line at every later period), and against returning as many rows from
-- generate_series(): the rows, not the refits, are the cost.
\pset footer off

CREATE TABLE bt_periods AS
SELECT i, date '2000-01-01' + i AS t, 100 + i + 10 * sin(i) AS a, 300 - i * 0.1 + 5 * cos(i) AS b
FROM generate_series(1, 1000) i;
CREATE TABLE bt_summary AS SELECT rivalry_agg(t, a, b) AS r FROM bt_periods;
ANALYZE bt_periods;

SELECT * FROM bench_compare('backtest, 1 000 periods, horizons to 12 vs plain SQL',
	$$ SELECT count(*) FROM bt_summary, backtest(r, band => 'confidence', max_horizon => 12) $$,
	$$ SELECT count(*) FROM (SELECT o.i AS origin, regr_slope(ln(p.a / p.b), extract(epoch FROM p.t)) AS b1,
			regr_intercept(ln(p.a / p.b), extract(epoch FROM p.t)) AS b0
		FROM bt_periods o JOIN bt_periods p ON p.i <= o.i WHERE o.i >= 3 GROUP BY o.i) f
		JOIN bt_periods q ON q.i > f.origin AND q.i <= f.origin + 12,
		LATERAL (SELECT 1 / (1 + exp(-(f.b0 + f.b1 * extract(epoch FROM q.t))))) s $$)
UNION ALL
SELECT * FROM bench_compare('backtest_parity, 1 000 periods (every origin''s fit, a row each) vs plain SQL',
	$$ SELECT count(*) FROM bt_summary, backtest_parity(r) $$,
	$$ SELECT count(*) FROM (SELECT o.i AS origin, -regr_intercept(ln(p.a / p.b), extract(epoch FROM p.t))
			/ regr_slope(ln(p.a / p.b), extract(epoch FROM p.t)) AS parity
		FROM bt_periods o JOIN bt_periods p ON p.i <= o.i WHERE o.i >= 3 GROUP BY o.i) f $$)
UNION ALL
SELECT * FROM bench_compare('backtest, 1 000 periods, every horizon vs generate_series of as many rows',
	$$ SELECT count(*) FROM bt_summary, backtest(r) $$,
	$$ SELECT count(*) FROM generate_series(1, 497503) $$);

SELECT count(*) AS rows, round(avg(covered::int), 3) AS covered FROM bt_summary, backtest(r, max_horizon => 12);
DROP TABLE bt_periods, bt_summary;
