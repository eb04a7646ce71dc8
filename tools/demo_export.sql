-- The rows of the demo's charts, for gnuplot (tools/demo_chart.gp).
\copy (SELECT "time"::date, observed_share, fitted_share, lower, upper FROM pytorch_tensorflow, projection(r, '2024-01-01', '1 month')) TO 'out/pytorch_tensorflow.csv' WITH (FORMAT csv)
\copy (SELECT "time"::date, observed_share, fitted_share, lower, upper FROM python_java, projection(r, '2021-07-01', '1 month')) TO 'out/python_java.csv' WITH (FORMAT csv)
\copy (SELECT coalesce(parity_at(r)::date::text, '') FROM pytorch_tensorflow) TO 'out/pytorch_tensorflow.parity' WITH (FORMAT text)
\copy (SELECT coalesce(parity_at(r)::date::text, '') FROM python_java) TO 'out/python_java.parity' WITH (FORMAT text)
-- the backtest chart: fits on Python and Java from 2012 to the end of each year, projected
\copy (SELECT origin::date, "time"::date, fitted_share, observed_share FROM (SELECT rivalry_agg(month, tag, posts, 'python', 'java') AS r FROM so_posts WHERE month >= '2012-01-01') s, backtest(r, min_periods => 12) WHERE extract(month FROM origin) = 12 AND origin < '2017-01-01' ORDER BY origin, "time") TO 'out/python_java_backtest.csv' WITH (FORMAT csv)
