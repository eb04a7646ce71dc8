-- adoption_maintain(): a summary table kept current as rows arrive, change
-- and leave, by statement triggers with transition tables.  After every kind
-- of change the maintained summaries equal (=, bit for bit) a fresh
-- aggregate over the base table.  It refuses what it cannot maintain, runs
-- as a non-superuser, and no search_path captures the code it writes.
\set ON_ERROR_STOP 1
\pset format unaligned
\pset tuples_only true
BEGIN;
CREATE EXTENSION IF NOT EXISTS pgtap;
CREATE EXTENSION adoption;
SET LOCAL TimeZone = 'UTC';

-- a table owner who is no superuser does it all
CREATE ROLE adoption_owner;
CREATE SCHEMA dash AUTHORIZATION adoption_owner;
SET LOCAL ROLE adoption_owner;
SET LOCAL search_path = dash, public;

CREATE TABLE obs (id bigserial PRIMARY KEY, metric text, t date, label text, v float8);
INSERT INTO obs (metric, t, label, v)
SELECT (ARRAY['jobs', 'papers'])[1 + i % 2], make_date(2019, 1, 1) + (i * 37 % 700),
	(ARRAY['pytorch', 'tensorflow', 'jax'])[1 + i % 3], (i * 7919 % 1000) / 10.0
FROM generate_series(1, 3000) i;
CREATE TABLE monthly (metric text, month date, r rivalry, PRIMARY KEY (metric, month));
CREATE TABLE markets (metric text, m market, PRIMARY KEY (metric));
CREATE TABLE trends (label text, year int, tr trend, PRIMARY KEY (label, year));

-- mismatches between each maintained table and a fresh aggregate
CREATE FUNCTION drift() RETURNS bigint LANGUAGE sql AS $$
	SELECT (SELECT count(*) FROM (
			SELECT metric, date_trunc('month', t)::date AS month,
				rivalry_agg(t, label, v, 'pytorch', 'tensorflow') AS r
			FROM obs GROUP BY 1, 2 HAVING rivalry_agg(t, label, v, 'pytorch', 'tensorflow') IS NOT NULL) f
		FULL JOIN monthly m USING (metric, month) WHERE f.r IS DISTINCT FROM m.r)
	+ (SELECT count(*) FROM (SELECT metric, market_agg(t, label, v) AS m FROM obs GROUP BY 1) f
		FULL JOIN markets USING (metric) WHERE f.m IS DISTINCT FROM markets.m)
	+ (SELECT count(*) FROM (SELECT label, extract(year FROM t)::int AS year, trend_agg(t, v) AS tr FROM obs GROUP BY 1, 2) f
		FULL JOIN trends USING (label, year) WHERE f.tr IS DISTINCT FROM trends.tr)
$$;

-- the error a statement raises: sqlstate and message
CREATE FUNCTION error_of(statement text) RETURNS text LANGUAGE plpgsql AS $$
BEGIN
	EXECUTE statement;
	RETURN 'no error';
EXCEPTION WHEN OTHERS THEN
	RETURN SQLSTATE || ' ' || SQLERRM;
END $$;

SELECT plan(30);

SELECT lives_ok($$ SELECT adoption_maintain('obs', 'monthly', $q$rivalry_agg(t, label, v, 'pytorch', 'tensorflow')$q$,
		ARRAY['metric', $q$date_trunc('month', t)::date$q$]) $$,
	'adoption_maintain() as the tables'' owner, no superuser: a rivalry per metric and month');
SELECT lives_ok($$ SELECT adoption_maintain('obs', 'markets', 'market_agg(t, label, v)', ARRAY['metric']) $$,
	'a market per metric, from the same source');
SELECT lives_ok($$ SELECT adoption_maintain('obs', 'trends', 'trend_agg(t, v)', ARRAY['label', 'extract(year FROM t)::int']) $$,
	'a trend per label and year');
SELECT is(drift(), 0::bigint, 'filled from the rows there: equal to a fresh aggregate');
SELECT is((SELECT count(*) FROM monthly), (SELECT count(DISTINCT (metric, date_trunc('month', t))) FROM obs
	WHERE label IN ('pytorch', 'tensorflow')), 'a row per key whose summary is not NULL');

INSERT INTO obs (metric, t, label, v) VALUES ('jobs', '2019-03-05', 'pytorch', 0.1), ('jobs', '2019-03-06', 'pytorch', 0.2),
	('ads', '2025-01-01', 'tensorflow', 3), ('ads', '2025-01-01', 'jax', 4), ('ads', '2026-01-01', 'jax', 5);
SELECT is(drift(), 0::bigint, 'INSERT of several rows, new keys among them');
SELECT is((SELECT count(*) FROM monthly WHERE metric = 'ads'), 1::bigint,
	'a key whose rows are all of an ignored label has no row');
UPDATE obs SET v = v + 0.3 WHERE id % 7 = 0;
SELECT is(drift(), 0::bigint, 'UPDATE of values: old rows taken away, new ones added');
UPDATE obs SET t = t + 45, label = CASE label WHEN 'jax' THEN 'pytorch' ELSE label END WHERE id % 11 = 0;
SELECT is(drift(), 0::bigint, 'UPDATE that moves rows to other keys and labels');
DELETE FROM obs WHERE id % 5 = 0;
SELECT is(drift(), 0::bigint, 'DELETE');
DELETE FROM obs WHERE metric = 'ads';
SELECT is((SELECT count(*) FROM monthly WHERE metric = 'ads') + (SELECT count(*) FROM markets WHERE metric = 'ads'),
	0::bigint, 'DELETE of every row of a key removes its row');
SELECT is(drift(), 0::bigint, 'and the rest still agrees');
SAVEPOINT before;
INSERT INTO obs (metric, t, label, v) SELECT metric, t, label, v FROM obs WHERE id < 100;
DELETE FROM obs WHERE id BETWEEN 100 AND 200;
ROLLBACK TO SAVEPOINT before;
SELECT is(drift(), 0::bigint, 'changes rolled back take their summaries with them');
COPY obs (metric, t, label, v) FROM STDIN;
jobs	2020-02-02	pytorch	1.5
papers	2020-02-03	tensorflow	2.25
\.
SELECT is(drift(), 0::bigint, 'COPY fires the same triggers');
SELECT is(error_of($$ UPDATE monthly SET r = r - r WHERE metric = 'jobs' AND month = '2019-03-01';
		DELETE FROM obs WHERE metric = 'jobs' AND t = '2019-03-05' $$),
	'22023 cannot subtract a rivalry that is not contained in the other',
	'a summary changed by hand: taking rows away from it fails, nothing is lost silently');

-- a partitioned source: its statement triggers see rows of every partition,
-- and rows an UPDATE moves between partitions
CREATE TABLE pobs (k int, t date, label text, v float8) PARTITION BY RANGE (t);
CREATE TABLE pobs_2019 PARTITION OF pobs FOR VALUES FROM ('2019-01-01') TO ('2020-01-01');
CREATE TABLE pobs_2020 PARTITION OF pobs FOR VALUES FROM ('2020-01-01') TO ('2021-01-01');
INSERT INTO pobs SELECT 1 + i % 3, date '2019-01-01' + i % 700, (ARRAY['a', 'b'])[1 + i % 2], i / 10.0
FROM generate_series(1, 1000) i;
CREATE TABLE pmarkets (k int PRIMARY KEY, m market);
SELECT adoption_maintain('pobs', 'pmarkets', 'market_agg(t, label, v)', ARRAY['k']);
INSERT INTO pobs VALUES (1, '2020-05-05', 'a', 3);
UPDATE pobs SET t = t + 200 WHERE v < 5;
DELETE FROM pobs WHERE v > 90;
SELECT is((SELECT count(*) FROM (SELECT k, market_agg(t, label, v) AS m FROM pobs GROUP BY k) f
	FULL JOIN pmarkets p USING (k) WHERE f.m IS DISTINCT FROM p.m), 0::bigint,
	'a partitioned source, rows moved between partitions: equal to a fresh aggregate');

-- what it refuses
CREATE TABLE nokey (metric text, r rivalry);
CREATE TABLE twosums (metric text PRIMARY KEY, r rivalry, r2 rivalry);
CREATE TABLE full_already (metric text PRIMARY KEY, m market);
INSERT INTO full_already VALUES ('x', NULL);
CREATE VIEW obs_view AS SELECT * FROM obs;
SELECT is(error_of($$ SELECT adoption_maintain('obs', 'nokey', 'market_agg(t, label, v)', ARRAY['metric']) $$),
	'42P16 target dash.nokey has no primary key', 'a target without a primary key: 42P16');
SELECT is(error_of($$ SELECT adoption_maintain('obs', 'full_already', 'market_agg(t, label, v)', ARRAY['metric', 'label']) $$),
	'22023 keys has 2 expressions, and the primary key of dash.full_already has 1 columns', 'keys must match the primary key');
SELECT is(error_of($$ SELECT adoption_maintain('obs', 'twosums', 'rivalry_agg(t, v, v)', ARRAY['metric']) $$),
	'42P16 target dash.twosums has 2 columns of type rivalry, trend or market', 'one summary column, not two');
SELECT is(error_of($$ SELECT adoption_maintain('obs', 'full_already', 'market_agg(t, label, v)', ARRAY['metric']) $$),
	'55000 target dash.full_already is not empty', 'a target with rows already: 55000');
SELECT is(error_of($$ SELECT adoption_maintain('obs', 'markets', 'market_agg(t, label, v)', ARRAY['metric']) $$),
	'42710 dash.markets is maintained already', 'maintained twice: 42710');
SELECT is(error_of($$ SELECT adoption_maintain('obs_view', 'nokey', 'market_agg(t, label, v)', ARRAY['metric']) $$),
	'42809 source dash.obs_view is not a table', 'a view as source: 42809');
SELECT is(error_of($$ SELECT adoption_maintain('obs', 'nokey', NULL, ARRAY['metric']) $$),
	'22004 source, target, summary and keys cannot be null', 'NULL arguments: 22004');
SELECT is(error_of($$ SELECT adoption_unmaintain('nokey') $$), '42704 dash.nokey is not maintained',
	'adoption_unmaintain() of a table that is not maintained: 42704');

-- a hostile search_path captures nothing: not adoption_maintain(), not its triggers
RESET ROLE;
CREATE SCHEMA evil;
CREATE TABLE evil.captured (what text);
GRANT USAGE ON SCHEMA evil TO PUBLIC;
GRANT INSERT ON evil.captured TO PUBLIC;
CREATE FUNCTION evil.date_trunc(text, date) RETURNS date LANGUAGE sql AS $$
	INSERT INTO evil.captured VALUES ('date_trunc') RETURNING '1900-01-01'::date $$;
CREATE FUNCTION evil.periods(rivalry) RETURNS int LANGUAGE sql AS $$
	INSERT INTO evil.captured VALUES ('periods') RETURNING 0 $$;
CREATE FUNCTION evil.minus(rivalry, rivalry) RETURNS rivalry LANGUAGE sql AS $$
	INSERT INTO evil.captured VALUES ('-') RETURNING $1 $$;
CREATE OPERATOR evil.- (LEFTARG = rivalry, RIGHTARG = rivalry, FUNCTION = evil.minus);
CREATE FUNCTION evil.format(text, VARIADIC text[]) RETURNS text LANGUAGE sql AS $$
	INSERT INTO evil.captured VALUES ('format') RETURNING 'SELECT 1' $$;
CREATE FUNCTION evil.array_to_string(name[], text) RETURNS text LANGUAGE sql AS $$
	INSERT INTO evil.captured VALUES ('array_to_string') RETURNING '' $$;
SET LOCAL ROLE adoption_owner;
SET LOCAL search_path = evil, dash, public;
CREATE TABLE dash.weekly (metric text, month date, r rivalry, PRIMARY KEY (metric, month));
SELECT lives_ok($$ SELECT adoption_maintain('dash.obs', 'dash.weekly', $q$rivalry_agg(t, label, v, 'pytorch', 'tensorflow')$q$,
		ARRAY['metric', $q$date_trunc('month', t)::date$q$]) $$,
	'adoption_maintain() under search_path = evil, ...');
INSERT INTO dash.obs (metric, t, label, v) VALUES ('jobs', '2019-04-04', 'pytorch', 7);
UPDATE dash.obs SET v = v + 1 WHERE id % 13 = 0;
DELETE FROM dash.obs WHERE id % 17 = 0;
SELECT is((SELECT count(*) FROM dash.monthly m FULL JOIN dash.weekly w USING (metric, month) WHERE m.r IS DISTINCT FROM w.r),
	0::bigint, 'its triggers, fired under the same search_path, agree with those made under a plain one');
RESET ROLE;
SELECT is((SELECT count(*) FROM evil.captured), 0::bigint,
	'no function or operator of schema evil ran: date_trunc, periods, -, format, array_to_string');
SET LOCAL search_path = dash, public;
SELECT is(drift(), 0::bigint, 'and everything still equals a fresh aggregate');

SELECT lives_ok($$ SELECT adoption_unmaintain('dash.weekly') $$, 'adoption_unmaintain() stops it');
SELECT is((SELECT count(*) FROM pg_trigger WHERE tgname LIKE 'weekly_maintain%')
	+ (SELECT count(*) FROM pg_proc WHERE proname = 'weekly_maintain'), 0::bigint,
	'its triggers and their function are gone; the summaries stay');

SELECT * FROM finish();
ROLLBACK;
