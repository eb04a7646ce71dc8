-- bench/timing.sql: helpers for the benchmarks.
--
-- bench_compare(label, query, baseline, runs) runs the two queries
-- alternately (so both see the same machine load), runs times each after a
-- warm-up run of both, and returns the median milliseconds of each and their
-- ratio.  Queries should aggregate their result, so that no time goes to
-- sending rows to the client.

CREATE FUNCTION bench_ms(query text) RETURNS float8 LANGUAGE plpgsql AS $$
DECLARE
	started timestamptz;
BEGIN
	started := clock_timestamp();
	EXECUTE query;
	RETURN extract(epoch FROM clock_timestamp() - started) * 1000;
END $$;

CREATE FUNCTION bench_compare(label text, query text, baseline text, runs int DEFAULT 5,
	OUT benchmark text, OUT ms float8, OUT baseline_ms float8, OUT ratio float8)
LANGUAGE plpgsql AS $$
DECLARE
	q float8[] := '{}';
	b float8[] := '{}';
BEGIN
	PERFORM bench_ms(query);
	PERFORM bench_ms(baseline);
	FOR i IN 1..runs LOOP
		q := q || bench_ms(query);
		b := b || bench_ms(baseline);
	END LOOP;
	benchmark := label;
	ms := round((SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY x) FROM unnest(q) x)::numeric, 1);
	baseline_ms := round((SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY x) FROM unnest(b) x)::numeric, 1);
	ratio := round((ms / baseline_ms)::numeric, 3);
END $$;
