-- bench/timing.sql: helpers for the benchmarks.
--
-- bench_compare(label, query, baseline, runs, query_setup, baseline_setup)
-- runs the two queries alternately (so both see the same machine load),
-- runs times each after a warm-up run of both, and returns the median
-- milliseconds of each and their ratio.  A setup statement (e.g. a SET) runs
-- untimed before each run of its query.  Queries should aggregate their
-- result, so that no time goes to sending rows to the client.

CREATE FUNCTION bench_ms(query text, setup text) RETURNS float8 LANGUAGE plpgsql AS $$
DECLARE
	started timestamptz;
BEGIN
	IF setup <> '' THEN
		EXECUTE setup;
	END IF;
	started := clock_timestamp();
	EXECUTE query;
	RETURN extract(epoch FROM clock_timestamp() - started) * 1000;
END $$;

CREATE FUNCTION bench_compare(label text, query text, baseline text, runs int DEFAULT 5,
	query_setup text DEFAULT '', baseline_setup text DEFAULT '',
	OUT benchmark text, OUT ms float8, OUT baseline_ms float8, OUT ratio float8)
LANGUAGE plpgsql AS $$
DECLARE
	q float8[] := '{}';
	b float8[] := '{}';
BEGIN
	PERFORM bench_ms(query, query_setup);
	PERFORM bench_ms(baseline, baseline_setup);
	FOR i IN 1..runs LOOP
		q := q || bench_ms(query, query_setup);
		b := b || bench_ms(baseline, baseline_setup);
	END LOOP;
	benchmark := label;
	ms := round((SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY x) FROM unnest(q) x)::numeric, 1);
	baseline_ms := round((SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY x) FROM unnest(b) x)::numeric, 1);
	ratio := round((ms / baseline_ms)::numeric, 3);
END $$;

-- The lines of EXPLAIN (ANALYZE, COSTS OFF, TIMING OFF) of a query.
CREATE FUNCTION bench_explain(query text) RETURNS SETOF text LANGUAGE plpgsql AS $$
BEGIN
	RETURN QUERY EXECUTE 'EXPLAIN (ANALYZE, COSTS OFF, TIMING OFF) ' || query;
END $$;
