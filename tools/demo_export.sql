-- The rows of the demo's charts, for gnuplot (tools/demo_chart.gp).
\copy (SELECT "time"::date, observed_share, fitted_share, lower, upper FROM pytorch_tensorflow, projection(r, '2024-01-01', '1 month')) TO 'out/pytorch_tensorflow.csv' WITH (FORMAT csv)
\copy (SELECT "time"::date, observed_share, fitted_share, lower, upper FROM python_java, projection(r, '2021-07-01', '1 month')) TO 'out/python_java.csv' WITH (FORMAT csv)
\copy (SELECT coalesce(parity_at(r)::date::text, '') FROM pytorch_tensorflow) TO 'out/pytorch_tensorflow.parity' WITH (FORMAT text)
\copy (SELECT coalesce(parity_at(r)::date::text, '') FROM python_java) TO 'out/python_java.parity' WITH (FORMAT text)
