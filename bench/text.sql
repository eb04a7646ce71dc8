-- Summaries as text, out and in, against PostgreSQL printing and reading
-- the same values as records: 3 000 summaries of 100 periods.  pg_dump,
-- psql and every BI tool reading a summary column go through the output.
-- A ratio below 1 means the summaries are faster.  (0.4.0: 3.7 times the
-- records' output; its own time is printed last.)
\pset footer off

CREATE TYPE text_obs AS (t date, a float8, b float8, rows_a int8, rows_b int8);
CREATE TABLE text_counts AS
SELECT s, date '2012-01-01' + 30 * p AS t, (1 + random() * 1000)::int::float8 AS a,
	(1 + random() * 1000)::int::float8 AS b
FROM generate_series(1, 3000) s, generate_series(0, 99) p;
-- fractional values: percentages, and doubles of all 17 digits
CREATE TABLE text_fractions AS
SELECT s, date '2012-01-01' + 30 * p AS t, round((random() * 100)::numeric, 2)::float8 AS a,
	random() * 1000 AS b
FROM generate_series(1, 3000) s, generate_series(0, 99) p;
CREATE TABLE text_summaries AS
SELECT 'counts' AS data, s, rivalry_agg(t, a, b) AS r FROM text_counts GROUP BY s
UNION ALL
SELECT 'fractions', s, rivalry_agg(t, a, b) FROM text_fractions GROUP BY s;
CREATE TABLE text_forms AS SELECT data, r::text AS summary FROM text_summaries;
CREATE TABLE text_records AS
SELECT 'counts' AS data, row(t, a, b, 1, 1)::text_obs::text AS record FROM text_counts
UNION ALL
SELECT 'fractions', row(t, a, b, 1, 1)::text_obs::text FROM text_fractions;
VACUUM ANALYZE text_summaries;
VACUUM ANALYZE text_forms;
VACUUM ANALYZE text_records;

SELECT * FROM bench_compare('r::text vs row(t, a, b, 1, 1)::text, counts',
	$$ SELECT sum(length(r::text)) FROM text_summaries WHERE data = 'counts' $$,
	$$ SELECT sum(length(row(t, a, b, 1, 1)::text_obs::text)) FROM text_counts $$)
UNION ALL
SELECT * FROM bench_compare('r::text vs row(t, a, b, 1, 1)::text, fractions',
	$$ SELECT sum(length(r::text)) FROM text_summaries WHERE data = 'fractions' $$,
	$$ SELECT sum(length(row(t, a, b, 1, 1)::text_obs::text)) FROM text_fractions $$)
UNION ALL
SELECT * FROM bench_compare('text::rivalry vs text::record, counts',
	$$ SELECT count(summary::rivalry) FROM text_forms WHERE data = 'counts' $$,
	$$ SELECT count(record::text_obs) FROM text_records WHERE data = 'counts' $$)
UNION ALL
SELECT * FROM bench_compare('text::rivalry vs text::record, fractions',
	$$ SELECT count(summary::rivalry) FROM text_forms WHERE data = 'fractions' $$,
	$$ SELECT count(record::text_obs) FROM text_records WHERE data = 'fractions' $$);

-- the same summaries of counts printed by 0.4.0 (fractions it summed in
-- another order, to other bits)
CREATE TABLE text_summaries_040 AS
SELECT s, release040.rivalry_agg(t, a, b) AS r FROM text_counts GROUP BY s;
VACUUM ANALYZE text_summaries_040;
SELECT * FROM bench_compare('r::text vs 0.4.0''s, counts',
	$$ SELECT sum(length(r::text)) FROM text_summaries WHERE data = 'counts' $$,
	$$ SELECT sum(length(r::text)) FROM text_summaries_040 $$);

DROP TABLE text_summaries, text_summaries_040, text_forms, text_records, text_counts, text_fractions;
DROP TYPE text_obs;
