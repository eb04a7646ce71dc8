-- ALTER EXTENSION adoption UPDATE from every earlier version gives what a
-- fresh install of the current version gives, object for object.
\set ON_ERROR_STOP 1
\pset format unaligned
\pset tuples_only true
BEGIN;
CREATE EXTENSION IF NOT EXISTS pgtap;

-- every member object of the extension, described by its definition
CREATE FUNCTION pg_temp.members() RETURNS TABLE (member text) LANGUAGE sql AS $$
	SELECT pg_describe_object(d.classid, d.objid, d.objsubid) || ' ' ||
		coalesce(CASE WHEN d.classid = 'pg_proc'::regclass AND p.prokind <> 'a'
			THEN pg_get_functiondef(d.objid) END, '') || ' ' ||
		coalesce(CASE WHEN d.classid = 'pg_proc'::regclass
			THEN obj_description(d.objid, 'pg_proc') END, '') || ' ' ||
		coalesce(CASE WHEN d.classid = 'pg_proc'::regclass
			THEN p.provolatile::text || p.proparallel::text || p.proisstrict::text END, '') || ' ' ||
		coalesce(CASE WHEN d.classid = 'pg_operator'::regclass
			THEN o.oprcanhash::text || o.oprcanmerge::text || o.oprcode::text END, '')
	FROM pg_depend d JOIN pg_extension e ON e.oid = d.refobjid AND e.extname = 'adoption'
	LEFT JOIN pg_proc p ON d.classid = 'pg_proc'::regclass AND p.oid = d.objid
	LEFT JOIN pg_operator o ON d.classid = 'pg_operator'::regclass AND o.oid = d.objid
	WHERE d.deptype = 'e'
$$;

SET LOCAL TimeZone = 'UTC';
SELECT plan(14);

-- the current version, installed fresh
CREATE EXTENSION adoption;
CREATE TEMP TABLE fresh AS SELECT * FROM pg_temp.members();
DROP EXTENSION adoption;

-- from 0.1.0, step by step, as postgresql-hll's setup does
CREATE EXTENSION adoption VERSION '0.1.0';
SELECT is((SELECT extversion FROM pg_extension WHERE extname = 'adoption'), '0.1.0',
	'version 0.1.0 installs');
SELECT is(parity_at('2019-03-01'::date, 3, '2020-01-01'::date, 2)::text,
	'2021-06-07 02:39:03.325266+00', 'and works');
ALTER EXTENSION adoption UPDATE TO '0.2.0';
SELECT is((SELECT extversion FROM pg_extension WHERE extname = 'adoption'), '0.2.0',
	'0.1.0 updates to 0.2.0');
CREATE TABLE pg_temp.kept AS SELECT rivalry_agg(t, a, b) AS r
FROM (VALUES ('2019-03-01'::date, 3.0, 1.0), ('2020-01-01', 2, 1)) v(t, a, b);
ALTER EXTENSION adoption UPDATE TO '0.3.0';
SELECT is((SELECT extversion FROM pg_extension WHERE extname = 'adoption'), '0.3.0',
	'0.2.0 updates to 0.3.0');
ALTER EXTENSION adoption UPDATE TO '0.4.0';
SELECT is((SELECT extversion FROM pg_extension WHERE extname = 'adoption'), '0.4.0',
	'0.3.0 updates to 0.4.0');
-- the new library under 0.4.0's declarations, before ALTER EXTENSION UPDATE
CREATE TEMP VIEW flat AS SELECT rivalry_agg(t::date, a, 1) AS r, trend_agg(t::date, a) AS tr
FROM (VALUES ('2020-01-01', 2.0), ('2020-02-01', 2.1), ('2020-03-01', 1.9), ('2020-04-01', 2.0)) v(t, a);
SELECT is((SELECT (p.lower, p.upper)::text FROM flat, parity_interval(r) p), '(-infinity,infinity)',
	'the new library under 0.4.0''s declaration: parity_interval() keeps three columns and infinite ends');
SELECT is((SELECT p.estimate::text FROM (SELECT rivalry_agg(t::date, a, 1) AS r
		FROM (VALUES ('2020-01-01', 2.0), ('2020-02-01', 1.9999999), ('2020-03-01', 1.9999998), ('2020-04-01', 1.9999997)) v(t, a)) x,
		parity_interval(r) p), 'infinity',
	'and an estimate past the last timestamptz (a million years out) clamped to infinity, as 0.4.0 gave it');
SELECT is((SELECT count(*) FROM flat, projection(r, '2021-01-01')) + (SELECT count(*) FROM flat, projection(tr, '2021-01-01')),
	26::bigint, 'and both projection()s their declarations without a band');
DROP VIEW flat;
ALTER EXTENSION adoption UPDATE TO '0.5.0';
SELECT is((SELECT extversion FROM pg_extension WHERE extname = 'adoption'), '0.5.0',
	'0.4.0 updates to 0.5.0');
SELECT set_eq('SELECT * FROM pg_temp.members()', 'SELECT member FROM fresh',
	'the updated extension has exactly the objects of a fresh install, defined alike');
SELECT is((SELECT count(*) FROM (SELECT DISTINCT r2 FROM pg_temp.kept, LATERAL (VALUES (r), (r::text::rivalry), (rivalry_final(r))) v(r2)) d),
	1::bigint, 'the updated = hashes: SELECT DISTINCT over a summary stored under 0.2.0');
SELECT ok((SELECT rollup(r) = min(r::text)::rivalry FROM pg_temp.kept),
	'a summary stored under 0.2.0 works with what later versions added');
DROP TABLE pg_temp.kept;
DROP EXTENSION adoption;

-- from 0.1.0 in one command
CREATE EXTENSION adoption VERSION '0.1.0';
ALTER EXTENSION adoption UPDATE;
SELECT is((SELECT extversion FROM pg_extension WHERE extname = 'adoption'), '0.5.0',
	'ALTER EXTENSION adoption UPDATE walks 0.1.0 to 0.5.0');
SELECT set_eq('SELECT * FROM pg_temp.members()', 'SELECT member FROM fresh',
	'and gives the objects of a fresh install');

SELECT * FROM finish();
ROLLBACK;
