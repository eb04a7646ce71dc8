-- Every function exists with its documented signature, volatility, parallel
-- label and strictness, and has a comment.
\set ON_ERROR_STOP 1
\pset format unaligned
\pset tuples_only true
BEGIN;
CREATE EXTENSION IF NOT EXISTS pgtap;
CREATE EXTENSION adoption;

SELECT plan(30);

-- share(value) OVER (...)
SELECT has_function('share', ARRAY['double precision']);
SELECT function_returns('share', ARRAY['double precision'], 'double precision');
SELECT is_window('share', ARRAY['double precision']);
SELECT volatility_is('share', ARRAY['double precision'], 'immutable');

-- share_interval(part, total, level) -> (share, lower, upper)
SELECT has_function('share_interval', ARRAY['double precision', 'double precision', 'double precision']);
SELECT function_returns('share_interval', ARRAY['double precision', 'double precision', 'double precision'], 'record');
SELECT is(
	(SELECT pg_get_function_arguments('share_interval(float8, float8, float8)'::regprocedure)),
	'part double precision, total double precision, level double precision DEFAULT 0.95, OUT share double precision, OUT lower double precision, OUT upper double precision',
	'share_interval has named arguments, level defaults to 0.95, OUT share, lower, upper');

-- ratio_change(before, after)
SELECT has_function('ratio_change', ARRAY['double precision', 'double precision']);
SELECT function_returns('ratio_change', ARRAY['double precision', 'double precision'], 'double precision');
SELECT is(
	(SELECT pg_get_function_arguments('ratio_change(float8, float8)'::regprocedure)),
	'before double precision, after double precision',
	'ratio_change arguments are named before and after');

-- parity_at(t1, ratio1, t2, ratio2, method) for four kinds of time
SELECT has_function('parity_at', ARRAY['timestamp with time zone', 'double precision', 'timestamp with time zone', 'double precision', 'text']);
SELECT function_returns('parity_at', ARRAY['timestamp with time zone', 'double precision', 'timestamp with time zone', 'double precision', 'text'], 'timestamp with time zone');
SELECT has_function('parity_at', ARRAY['timestamp without time zone', 'double precision', 'timestamp without time zone', 'double precision', 'text']);
SELECT function_returns('parity_at', ARRAY['timestamp without time zone', 'double precision', 'timestamp without time zone', 'double precision', 'text'], 'timestamp with time zone');
SELECT has_function('parity_at', ARRAY['date', 'double precision', 'date', 'double precision', 'text']);
SELECT function_returns('parity_at', ARRAY['date', 'double precision', 'date', 'double precision', 'text'], 'timestamp with time zone');
SELECT has_function('parity_at', ARRAY['double precision', 'double precision', 'double precision', 'double precision', 'text']);
SELECT function_returns('parity_at', ARRAY['double precision', 'double precision', 'double precision', 'double precision', 'text'], 'double precision');
SELECT is(
	(SELECT pg_get_function_arguments('parity_at(date, float8, date, float8, text)'::regprocedure)),
	't1 date, ratio1 double precision, t2 date, ratio2 double precision, method text DEFAULT ''loglinear''::text',
	'parity_at arguments are named, method defaults to loglinear');

-- the whole surface: the functions the extension owns, by signature
SELECT set_eq(
	$$ SELECT p.oid::regprocedure::text FROM pg_proc p
	   JOIN pg_depend d ON d.classid = 'pg_proc'::regclass AND d.objid = p.oid
	   JOIN pg_extension e ON e.oid = d.refobjid AND e.extname = 'adoption' $$,
	ARRAY[
		'share(double precision)',
		'share_interval(double precision,double precision,double precision)',
		'ratio_change(double precision,double precision)',
		'parity_at(timestamp with time zone,double precision,timestamp with time zone,double precision,text)',
		'parity_at(timestamp without time zone,double precision,timestamp without time zone,double precision,text)',
		'parity_at(date,double precision,date,double precision,text)',
		'parity_at(double precision,double precision,double precision,double precision,text)'],
	'the extension owns exactly the documented functions');

-- every one IMMUTABLE STRICT PARALLEL SAFE, in C, with a comment
CREATE TEMP VIEW owned AS
	SELECT p.* FROM pg_proc p
	JOIN pg_depend d ON d.classid = 'pg_proc'::regclass AND d.objid = p.oid
	JOIN pg_extension e ON e.oid = d.refobjid AND e.extname = 'adoption';
SELECT is_empty($$ SELECT oid::regprocedure FROM owned WHERE provolatile <> 'i' $$,
	'every function is IMMUTABLE');
SELECT is_empty($$ SELECT oid::regprocedure FROM owned WHERE NOT proisstrict $$,
	'every function is STRICT');
SELECT is_empty($$ SELECT oid::regprocedure FROM owned WHERE proparallel <> 's' $$,
	'every function is PARALLEL SAFE');
SELECT is_empty($$ SELECT oid::regprocedure FROM owned
	WHERE coalesce(obj_description(oid, 'pg_proc'), '') = '' $$,
	'every function has a comment');
SELECT is_empty($$ SELECT oid::regprocedure FROM owned
	WHERE prolang <> (SELECT oid FROM pg_language WHERE lanname = 'c') $$,
	'every function is written in C');

-- the control file's promises
SELECT is((SELECT extrelocatable FROM pg_extension WHERE extname = 'adoption'), true,
	'the extension is relocatable');
SELECT is((SELECT trusted FROM pg_available_extension_versions
		   WHERE name = 'adoption' AND version = '0.1.0'), true,
	'the extension is trusted: no superuser needed');
SELECT is((SELECT extversion FROM pg_extension WHERE extname = 'adoption'), '0.1.0',
	'the installed version is 0.1.0');
SELECT ok((SELECT count(*) FROM pg_depend d JOIN pg_extension e ON e.oid = d.refobjid
		   WHERE e.extname = 'adoption' AND d.classid = 'pg_proc'::regclass) = 7,
	'the extension owns seven functions');
SELECT ok(obj_description((SELECT oid FROM pg_extension WHERE extname = 'adoption'), 'pg_extension') IS NOT NULL,
	'the extension has a comment');

SELECT * FROM finish();
ROLLBACK;
