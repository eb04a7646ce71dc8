-- Summaries kept current by adoption_maintain() against a materialized view
-- refreshed concurrently, on base tables of 1 and 10 million rows: the time
-- to absorb 1 000 new rows (one INSERT through the triggers) against REFRESH
-- MATERIALIZED VIEW CONCURRENTLY of the same summaries.  A ratio below 1
-- means the trigger is faster; the trigger's time should not grow with the
-- base table.  Then the triggers' cost on a bulk COPY of 1 million rows.
\pset footer off

CREATE FUNCTION bench_base(name text, n bigint) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
	EXECUTE format('CREATE TABLE %I (id bigserial PRIMARY KEY, k int, t date, label text, v float8)', name);
	EXECUTE format($q$INSERT INTO %I (k, t, label, v)
		SELECT 1 + i %% 100, date '2011-01-01' + (i * 7 %% 3650)::int, (ARRAY['pytorch', 'tensorflow', 'jax'])[1 + i %% 3],
			(i * 7919 %% 1000) / 10.0
		FROM generate_series(1::bigint, %s) i$q$, name, n);
	EXECUTE format('ANALYZE %I', name);
END $$;

-- the summaries both ways: a materialized view, and a maintained table
CREATE FUNCTION bench_summaries(name text) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
	EXECUTE format($q$CREATE MATERIALIZED VIEW %I AS
		SELECT k, date_trunc('month', t)::date AS month, rivalry_agg(t, label, v, 'pytorch', 'tensorflow') AS r
		FROM %I GROUP BY 1, 2$q$, name || '_view', name);
	EXECUTE format('CREATE UNIQUE INDEX ON %I (k, month)', name || '_view');
	EXECUTE format('CREATE TABLE %I (k int, month date, r rivalry, PRIMARY KEY (k, month))', name || '_kept');
	PERFORM adoption_maintain(name::regclass, (name || '_kept')::regclass,
		$q$rivalry_agg(t, label, v, 'pytorch', 'tensorflow')$q$, ARRAY['k', $q$date_trunc('month', t)::date$q$]);
END $$;

-- 1 000 new rows: a month of observations for ten keys
CREATE FUNCTION bench_new_rows(name text) RETURNS text LANGUAGE sql AS $$
	SELECT format($q$INSERT INTO %I (k, t, label, v)
		SELECT 1 + i %% 10, date '2021-01-01' + i %% 28, (ARRAY['pytorch', 'tensorflow', 'jax'])[1 + i %% 3], i / 10.0
		FROM generate_series(1, 1000) i$q$, name)
$$;

SELECT bench_base('obs_1m', 1000000);
SELECT bench_summaries('obs_1m');
SELECT bench_base('obs_10m', 10000000);
SELECT bench_summaries('obs_10m');

CREATE TABLE obs_plain (LIKE obs_10m INCLUDING ALL);

SELECT * FROM bench_compare('1 000 rows through the triggers vs REFRESH CONCURRENTLY, 1 M rows',
	bench_new_rows('obs_1m'), 'REFRESH MATERIALIZED VIEW CONCURRENTLY obs_1m_view', 3)
UNION ALL
SELECT * FROM bench_compare('1 000 rows through the triggers vs REFRESH CONCURRENTLY, 10 M rows',
	bench_new_rows('obs_10m'), 'REFRESH MATERIALIZED VIEW CONCURRENTLY obs_10m_view', 3)
UNION ALL
SELECT * FROM bench_compare('1 000 rows through the triggers: 10 M rows vs 1 M',
	bench_new_rows('obs_10m'), bench_new_rows('obs_1m'), 9)
UNION ALL
SELECT * FROM bench_compare('1 000 rows: INSERT through the triggers vs the INSERT alone',
	bench_new_rows('obs_10m'), bench_new_rows('obs_plain'), 9);

-- every maintained summary still equals the refreshed view
REFRESH MATERIALIZED VIEW CONCURRENTLY obs_10m_view;
SELECT count(*) AS summaries, count(*) FILTER (WHERE v.r IS DISTINCT FROM kept.r) AS differing
FROM obs_10m_view v FULL JOIN obs_10m_kept kept USING (k, month);

DROP TABLE obs_1m, obs_10m, obs_plain, obs_1m_kept, obs_10m_kept CASCADE;

-- the triggers' cost on a bulk COPY of 1 million rows (the file is in the
-- throwaway cluster's data directory)
SELECT bench_base('copy_source', 1000000);
SELECT current_setting('data_directory') || '/adoption_bench_copy.data' AS copy_file \gset
COPY (SELECT k, t, label, v FROM copy_source) TO :'copy_file';
CREATE TABLE copy_kept_obs (id bigserial PRIMARY KEY, k int, t date, label text, v float8);
CREATE TABLE copy_kept (k int, month date, r rivalry, PRIMARY KEY (k, month));
SELECT adoption_maintain('copy_kept_obs', 'copy_kept', $q$rivalry_agg(t, label, v, 'pytorch', 'tensorflow')$q$,
	ARRAY['k', $q$date_trunc('month', t)::date$q$]);
CREATE TABLE copy_plain_obs (LIKE copy_kept_obs INCLUDING ALL);
SELECT * FROM bench_compare('COPY of 1 M rows with the triggers vs without',
	format('COPY copy_kept_obs (k, t, label, v) FROM %L', :'copy_file'),
	format('COPY copy_plain_obs (k, t, label, v) FROM %L', :'copy_file'), 3,
	'TRUNCATE copy_kept_obs', 'TRUNCATE copy_plain_obs');
DROP TABLE copy_source, copy_kept_obs, copy_kept, copy_plain_obs;
DROP FUNCTION bench_base, bench_summaries, bench_new_rows;
