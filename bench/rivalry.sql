-- rivalry_agg() against the SQL a user would write today, on 10 million
-- rows of (series, period, a, b) with 100 periods (100 000 series).
-- A ratio below 1 means rivalry_agg() is faster.
\pset footer off

CREATE TABLE rivalry_obs AS
SELECT i % 100000 AS series, date '2012-01-01' + (i / 100000) * 30 AS period,
	(1 + random() * 1000)::int::float8 AS a, (1 + random() * 1000)::int::float8 AS b
FROM generate_series(0, 9999999) i;
CREATE TABLE rivalry_shuffled AS SELECT * FROM rivalry_obs ORDER BY random();
VACUUM ANALYZE rivalry_obs;
VACUUM ANALYZE rivalry_shuffled;

-- one summary over all rows: the parity, as a user computes it today
\set user_parity 'SELECT -regr_intercept(ln(a / b), extract(epoch FROM period)::float8) / regr_slope(ln(a / b), extract(epoch FROM period)::float8) FROM '
SELECT * FROM bench_compare('rivalry_agg, time-ordered, vs regr_* parity',
	$$ SELECT parity_point(rivalry_agg(period, a, b)) FROM rivalry_obs $$,
	:'user_parity' || 'rivalry_obs')
UNION ALL
SELECT * FROM bench_compare('rivalry_agg, shuffled, vs regr_* parity',
	$$ SELECT parity_point(rivalry_agg(period, a, b)) FROM rivalry_shuffled $$,
	:'user_parity' || 'rivalry_shuffled')
UNION ALL
SELECT * FROM bench_compare('rivalry_agg, time-ordered, vs sum(a), sum(b)',
	$$ SELECT parity_point(rivalry_agg(period, a, b)) FROM rivalry_obs $$,
	$$ SELECT sum(a), sum(b) FROM rivalry_obs $$)
UNION ALL
SELECT * FROM bench_compare('rivalry_agg, shuffled, vs sum(a), sum(b)',
	$$ SELECT parity_point(rivalry_agg(period, a, b)) FROM rivalry_shuffled $$,
	$$ SELECT sum(a), sum(b) FROM rivalry_shuffled $$);

-- one summary per series, and the same grouped by the sums, by PostgreSQL's
-- own array_agg() and by 0.4.0 (built beside this version by tools/bench.sh,
-- in schema release040): format() them with a schema and a table
\set grouped_agg 'SELECT count(%1$s.parity_point(r)) FROM (SELECT %1$s.rivalry_agg(period, a, b) r FROM %2$s GROUP BY series) s'
\set grouped_sums 'SELECT count(sa) FROM (SELECT sum(a) sa, sum(b) sb FROM %s GROUP BY series) s'
\set grouped_array_agg 'SELECT count(x) FROM (SELECT array_agg(a) x FROM %s GROUP BY series) s'
\set default_work_mem 'SET work_mem = ''4MB'''

-- 100 000 groups of 100 periods each
SELECT * FROM bench_compare('rivalry_agg GROUP BY series (100 000) vs sum(a), sum(b)',
	format(:'grouped_agg', 'public', 'rivalry_obs'), format(:'grouped_sums', 'rivalry_obs'), 3);
SELECT * FROM bench_compare('rivalry_agg GROUP BY series (100 000) vs 0.4.0''s',
	format(:'grouped_agg', 'public', 'rivalry_obs'), format(:'grouped_agg', 'release040', 'rivalry_obs'), 3);

-- the same over rows in no order: each group's periods arrive shuffled, so
-- each row writes to a table that is not in cache (target: at most 2x;
-- 0.4.0: 3.2x); what any aggregate that keeps each group's rows pays here:
-- PostgreSQL's own array_agg() of one column, against the same sums
SELECT * FROM bench_compare('rivalry_agg GROUP BY series (100 000), rows shuffled, vs sum(a), sum(b)',
	format(:'grouped_agg', 'public', 'rivalry_shuffled'), format(:'grouped_sums', 'rivalry_shuffled'), 3);
SELECT * FROM bench_compare('array_agg(a) GROUP BY series (100 000), rows shuffled, vs sum(a), sum(b)',
	format(:'grouped_array_agg', 'rivalry_shuffled'), format(:'grouped_sums', 'rivalry_shuffled'), 3);
SELECT * FROM bench_compare('rivalry_agg GROUP BY series (100 000), rows shuffled, vs 0.4.0''s',
	format(:'grouped_agg', 'public', 'rivalry_shuffled'), format(:'grouped_agg', 'release040', 'rivalry_shuffled'), 3);

-- at the default work_mem (4MB): 30 000 series of 100 periods do not fit,
-- and hash aggregation spills to disk; the sums fit (target: at most 1.5x;
-- 0.4.0: 2.0x).  A table of its own, so that no shared scan of other rows
-- hides the difference.
CREATE TABLE rivalry_30k AS SELECT * FROM rivalry_obs WHERE series < 30000;
VACUUM ANALYZE rivalry_30k;
SELECT * FROM bench_compare('rivalry_agg GROUP BY series (30 000), default work_mem, vs sum(a), sum(b)',
	format(:'grouped_agg', 'public', 'rivalry_30k'), format(:'grouped_sums', 'rivalry_30k'), 3,
	:'default_work_mem', :'default_work_mem');
SELECT * FROM bench_compare('array_agg(a) GROUP BY series (30 000), default work_mem, vs sum(a), sum(b)',
	format(:'grouped_array_agg', 'rivalry_30k'), format(:'grouped_sums', 'rivalry_30k'), 3,
	:'default_work_mem', :'default_work_mem');
SELECT * FROM bench_compare('rivalry_agg GROUP BY series (30 000), default work_mem, vs 0.4.0''s',
	format(:'grouped_agg', 'public', 'rivalry_30k'), format(:'grouped_agg', 'release040', 'rivalry_30k'), 3,
	:'default_work_mem', :'default_work_mem');
RESET work_mem;

-- merging summaries (a combine step, rollup()): 90 000 partial summaries,
-- three a series of interleaved runs of five periods, as parallel workers
-- make them, rolled up into 30 000, against re-aggregating the same partial
-- sums kept as rows (series, part, period, a, b)
CREATE TABLE rivalry_partials AS
SELECT series, ((period - date '2012-01-01') / 150) % 3 AS part, rivalry_agg(period, a, b) AS r
FROM rivalry_30k GROUP BY 1, 2;
CREATE TABLE rivalry_partial_sums AS
SELECT series, ((period - date '2012-01-01') / 150) % 3 AS part, period, sum(a) AS a, sum(b) AS b
FROM rivalry_30k GROUP BY 1, 2, 3;
VACUUM ANALYZE rivalry_partials;
VACUUM ANALYZE rivalry_partial_sums;
SELECT * FROM bench_compare('rollup of 90 000 partial summaries into 30 000 vs re-aggregating their sums kept as rows',
	$$ SELECT count(r) FROM (SELECT rollup(r) r FROM rivalry_partials GROUP BY series) s $$,
	$$ SELECT count(*) FROM (SELECT series, period, sum(a), sum(b) FROM rivalry_partial_sums GROUP BY series, period) s $$, 3);

-- a dashboard over stored summaries: each series' parity with its interval,
-- against the parity a user computes from the rows with regr_* per series
CREATE TABLE rivalry_30k_summaries AS SELECT series, rivalry_agg(period, a, b) AS r FROM rivalry_30k GROUP BY series;
VACUUM ANALYZE rivalry_30k_summaries;
SELECT * FROM bench_compare('parity_interval of 30 000 stored summaries vs regr_* parity per series over their rows',
	$$ SELECT count(i.lower) FROM rivalry_30k_summaries, parity_interval(r) i $$,
	$$ SELECT count(p) FROM (SELECT -regr_intercept(ln(a / b), extract(epoch FROM period)::float8)
			/ regr_slope(ln(a / b), extract(epoch FROM period)::float8) AS p FROM rivalry_30k GROUP BY series) s $$, 3);
DROP TABLE rivalry_30k, rivalry_partials, rivalry_partial_sums, rivalry_30k_summaries;

-- exact sums: fractional values round, and each rounding error is kept;
-- the same shapes over values with two decimals, against the counts
CREATE TABLE rivalry_fractions AS
SELECT series, period, a / 100 + 0.01 AS a, b / 100 + 0.01 AS b FROM rivalry_obs;
CREATE TABLE rivalry_fractions_shuffled AS SELECT * FROM rivalry_fractions ORDER BY random();
VACUUM ANALYZE rivalry_fractions;
VACUUM ANALYZE rivalry_fractions_shuffled;
SELECT * FROM bench_compare('exact sums: rivalry_agg over fractions vs counts, time-ordered',
	$$ SELECT parity_point(rivalry_agg(period, a, b)) FROM rivalry_fractions $$,
	$$ SELECT parity_point(rivalry_agg(period, a, b)) FROM rivalry_obs $$)
UNION ALL
SELECT * FROM bench_compare('exact sums: rivalry_agg over fractions vs counts, shuffled',
	$$ SELECT parity_point(rivalry_agg(period, a, b)) FROM rivalry_fractions_shuffled $$,
	$$ SELECT parity_point(rivalry_agg(period, a, b)) FROM rivalry_shuffled $$)
UNION ALL
SELECT * FROM bench_compare('exact sums: rivalry_agg over fractions vs sum(a), sum(b), time-ordered',
	$$ SELECT parity_point(rivalry_agg(period, a, b)) FROM rivalry_fractions $$,
	$$ SELECT sum(a), sum(b) FROM rivalry_fractions $$)
UNION ALL
SELECT * FROM bench_compare('exact sums: GROUP BY series (100 000) over fractions vs counts',
	$$ SELECT count(parity_point(r)) FROM (SELECT rivalry_agg(period, a, b) r FROM rivalry_fractions GROUP BY series) s $$,
	$$ SELECT count(parity_point(r)) FROM (SELECT rivalry_agg(period, a, b) r FROM rivalry_obs GROUP BY series) s $$, 3);
DROP TABLE rivalry_fractions, rivalry_fractions_shuffled;

-- memory per group, from the hash aggregate's peak memory
SELECT round(((regexp_match(plan, 'Memory Usage: (\d+)kB'))[1]::numeric * 1024 / 100000)) AS bytes_per_group_rivalry_agg
FROM (SELECT string_agg(line, E'\n') plan FROM bench_explain(
	$$ SELECT rivalry_agg(period, a, b) FROM rivalry_obs GROUP BY series $$) line) x;
SELECT round(((regexp_match(plan, 'Memory Usage: (\d+)kB'))[1]::numeric * 1024 / 100000)) AS bytes_per_group_sums
FROM (SELECT string_agg(line, E'\n') plan FROM bench_explain(
	$$ SELECT sum(a), sum(b) FROM rivalry_obs GROUP BY series $$) line) x;

-- parallel: 2 workers against none.  The leader only gathers, so that the
-- two workers have the two cores of the development machine to themselves
-- (a participating leader would be a third process on them); 9 runs, as
-- a parallel query feels every other load on the machine.
SET parallel_setup_cost = 0;
SET parallel_tuple_cost = 0;
SET parallel_leader_participation = off;
SET max_parallel_workers_per_gather = 2;
SELECT * FROM bench_compare('rivalry_agg with 2 parallel workers vs none',
	$$ SELECT parity_point(rivalry_agg(period, a, b)) FROM rivalry_obs $$,
	$$ SELECT parity_point(rivalry_agg(period, a, b)) FROM rivalry_obs $$, 9,
	'SET max_parallel_workers_per_gather = 2', 'SET max_parallel_workers_per_gather = 0');
SET max_parallel_workers_per_gather = 2;
SELECT line AS parallel_plan FROM bench_explain($$ SELECT rivalry_agg(period, a, b) FROM rivalry_obs $$) line
WHERE line ~ 'Workers|Partial';
RESET max_parallel_workers_per_gather;
RESET parallel_leader_participation;

DROP TABLE rivalry_obs;
DROP TABLE rivalry_shuffled;
