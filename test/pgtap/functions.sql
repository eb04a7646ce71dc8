-- Every function exists with its documented signature, volatility, parallel
-- label and strictness, and has a comment.
\set ON_ERROR_STOP 1
\pset format unaligned
\pset tuples_only true
BEGIN;
CREATE EXTENSION IF NOT EXISTS pgtap;
CREATE EXTENSION adoption;

SELECT plan(38);

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

-- the whole surface: the functions and aggregates the extension owns, by signature
SELECT set_eq(
	$$ SELECT p.oid::regprocedure::text FROM pg_proc p
	   JOIN pg_depend d ON d.classid = 'pg_proc'::regclass AND d.objid = p.oid
	   JOIN pg_extension e ON e.oid = d.refobjid AND e.extname = 'adoption' $$,
	ARRAY[
		'adoption_maintain(regclass,regclass,text,text[])',
		'adoption_unmaintain(regclass)',
		'backtest(rivalry,text,double precision,integer,text,integer)',
		'backtest_parity(rivalry,text,double precision,integer)',
		'backtest_parity_point(rivalry,text,double precision,integer)',
		'backtest_point(rivalry,text,double precision,integer,text,integer)',
		'breaks(rivalry,integer,text,integer,double precision)',
		'breaks_point(rivalry,integer,text,integer,double precision)',
		'change(trend)',
		'crossover_points(rivalry)',
		'crossovers(rivalry)',
		'doubling_time(trend,interval)',
		'first_period(market)',
		'first_period(rivalry)',
		'first_period(trend)',
		'first_point(market)',
		'first_point(rivalry)',
		'first_point(trend)',
		'first_ratio(rivalry)',
		'first_val(trend)',
		'first_value(trend)',
		'fit(rivalry,text)',
		'fitted_ratio(rivalry,timestamp with time zone,text)',
		'fitted_ratio_point(rivalry,double precision,text)',
		'fitted_share(rivalry,timestamp with time zone,text)',
		'fitted_share_point(rivalry,double precision,text)',
		'growth_rate(trend,interval)',
		'hhi(market)',
		'labels(market)',
		'last_period(market)',
		'last_period(rivalry)',
		'last_period(trend)',
		'last_point(market)',
		'last_point(rivalry)',
		'last_point(trend)',
		'last_ratio(rivalry)',
		'last_val(trend)',
		'last_value(trend)',
		'leader(market)',
		'leader(rivalry)',
		'leader_change_points(market)',
		'leader_changes(market)',
		'leading_side(rivalry)',
		'market_agg(date,text,double precision)',
		'market_agg(double precision,text,double precision)',
		'market_agg(timestamp with time zone,text,double precision)',
		'market_agg(timestamp without time zone,text,double precision)',
		'market_combine(market,market)',
		'market_eq(market,market)',
		'market_final(market)',
		'market_hash(market)',
		'market_hash_extended(market,bigint)',
		'market_in(cstring)',
		'market_minus(market,market)',
		'market_ne(market,market)',
		'market_out(market)',
		'market_plus(market,market)',
		'market_recv(internal)',
		'market_rolling_inverse(market,market)',
		'market_send(market)',
		'market_transfn(market,date,text,double precision)',
		'market_transfn(market,double precision,text,double precision)',
		'market_transfn(market,timestamp with time zone,text,double precision)',
		'market_transfn(market,timestamp without time zone,text,double precision)',
		'overall_share(rivalry)',
		'parity_at(date,double precision,date,double precision,text)',
		'parity_at(double precision,double precision,double precision,double precision,text)',
		'parity_at(rivalry,text)',
		'parity_at(timestamp with time zone,double precision,timestamp with time zone,double precision,text)',
		'parity_at(timestamp without time zone,double precision,timestamp without time zone,double precision,text)',
		'parity_in(rivalry,interval,text)',
		'parity_interval(rivalry,double precision,text)',
		'parity_interval_point(rivalry,double precision,text)',
		'parity_point(rivalry,text)',
		'periods(market)',
		'periods(rivalry)',
		'periods(trend)',
		'projection(rivalry,timestamp with time zone,interval,double precision,text,text)',
		'projection(trend,timestamp with time zone,interval,double precision,text)',
		'projection_point(rivalry,double precision,double precision,double precision,text,text)',
		'projection_point(trend,double precision,double precision,double precision,text)',
		'r2(trend)',
		'ratio(rivalry)',
		'ratio_change(double precision,double precision)',
		'ratio_change(rivalry)',
		'ratio_trend(rivalry,interval)',
		'reaches(trend,double precision)',
		'reaches_point(trend,double precision)',
		'rebucket(rivalry,interval)',
		'rebucket(trend,interval)',
		'rivalry(market,text,text)',
		'rivalry_agg(date,double precision,double precision)',
		'rivalry_agg(date,text,double precision,text,text)',
		'rivalry_agg(double precision,double precision,double precision)',
		'rivalry_agg(double precision,text,double precision,text,text)',
		'rivalry_agg(timestamp with time zone,double precision,double precision)',
		'rivalry_agg(timestamp with time zone,text,double precision,text,text)',
		'rivalry_agg(timestamp without time zone,double precision,double precision)',
		'rivalry_agg(timestamp without time zone,text,double precision,text,text)',
		'rivalry_combine(rivalry,rivalry)',
		'rivalry_eq(rivalry,rivalry)',
		'rivalry_final(rivalry)',
		'rivalry_hash(rivalry)',
		'rivalry_hash_extended(rivalry,bigint)',
		'rivalry_in(cstring)',
		'rivalry_long_transfn(rivalry,date,text,double precision,text,text)',
		'rivalry_long_transfn(rivalry,double precision,text,double precision,text,text)',
		'rivalry_long_transfn(rivalry,timestamp with time zone,text,double precision,text,text)',
		'rivalry_long_transfn(rivalry,timestamp without time zone,text,double precision,text,text)',
		'rivalry_minus(rivalry,rivalry)',
		'rivalry_ne(rivalry,rivalry)',
		'rivalry_out(rivalry)',
		'rivalry_plus(rivalry,rivalry)',
		'rivalry_recv(internal)',
		'rivalry_rolling_inverse(rivalry,rivalry)',
		'rivalry_send(rivalry)',
		'rivalry_wide_transfn(rivalry,date,double precision,double precision)',
		'rivalry_wide_transfn(rivalry,double precision,double precision,double precision)',
		'rivalry_wide_transfn(rivalry,timestamp with time zone,double precision,double precision)',
		'rivalry_wide_transfn(rivalry,timestamp without time zone,double precision,double precision)',
		'rolling(market)',
		'rolling(rivalry)',
		'rolling(trend)',
		'rollup(market)',
		'rollup(rivalry)',
		'rollup(trend)',
		'share(double precision)',
		'share(rivalry)',
		'share_interval(double precision,double precision,double precision)',
		'shares(market)',
		'slice(market,timestamp with time zone,timestamp with time zone)',
		'slice(rivalry,timestamp with time zone,timestamp with time zone)',
		'slice(trend,timestamp with time zone,timestamp with time zone)',
		'slice_point(market,double precision,double precision)',
		'slice_point(rivalry,double precision,double precision)',
		'slice_point(trend,double precision,double precision)',
		'slope(trend,interval)',
		'trend_agg(date,double precision)',
		'trend_agg(double precision,double precision)',
		'trend_agg(timestamp with time zone,double precision)',
		'trend_agg(timestamp without time zone,double precision)',
		'trend_combine(trend,trend)',
		'trend_eq(trend,trend)',
		'trend_final(trend)',
		'trend_hash(trend)',
		'trend_hash_extended(trend,bigint)',
		'trend_in(cstring)',
		'trend_minus(trend,trend)',
		'trend_ne(trend,trend)',
		'trend_out(trend)',
		'trend_plus(trend,trend)',
		'trend_recv(internal)',
		'trend_rolling_inverse(trend,trend)',
		'trend_send(trend)',
		'trend_transfn(trend,date,double precision)',
		'trend_transfn(trend,double precision,double precision)',
		'trend_transfn(trend,timestamp with time zone,double precision)',
		'trend_transfn(trend,timestamp without time zone,double precision)',
		'unnest(market)',
		'unnest(rivalry)',
		'unnest(trend)',
		'value_at(trend,timestamp with time zone)',
		'value_at_point(trend,double precision)'],
	'the extension owns exactly the documented functions and aggregates');

-- every one IMMUTABLE STRICT PARALLEL SAFE, in C, with a comment
CREATE TEMP VIEW owned AS
	SELECT p.* FROM pg_proc p
	JOIN pg_depend d ON d.classid = 'pg_proc'::regclass AND d.objid = p.oid
	JOIN pg_extension e ON e.oid = d.refobjid AND e.extname = 'adoption'
	WHERE p.proname NOT IN ('adoption_maintain', 'adoption_unmaintain');
-- but adoption_maintain() and adoption_unmaintain(), which write SQL: PL/pgSQL,
-- VOLATILE, PARALLEL UNSAFE, their search_path pinned, not SECURITY DEFINER
SELECT is((SELECT string_agg(proname || ' ' || l.lanname || ' ' || provolatile::text || proparallel::text || prosecdef::text
		|| ' ' || array_to_string(proconfig, ','), '; ' ORDER BY proname)
	FROM pg_proc p JOIN pg_language l ON l.oid = p.prolang
	WHERE proname IN ('adoption_maintain', 'adoption_unmaintain')),
	'adoption_maintain plpgsql vufalse search_path=pg_catalog, pg_temp; adoption_unmaintain plpgsql vufalse search_path=pg_catalog, pg_temp',
	'adoption_maintain() and adoption_unmaintain(): PL/pgSQL, VOLATILE, PARALLEL UNSAFE, not SECURITY DEFINER, search_path pinned');
SELECT is_empty($$ SELECT oid::regprocedure FROM owned WHERE provolatile <> 'i' $$,
	'every function is IMMUTABLE');
SELECT set_eq($$ SELECT oid::regprocedure::text FROM owned WHERE NOT proisstrict AND prokind = 'f' $$,
	$$ SELECT oid::regprocedure::text FROM owned
	   WHERE proname IN ('rivalry_wide_transfn', 'rivalry_long_transfn', 'trend_transfn', 'market_transfn',
						 'rivalry_plus', 'rivalry_minus', 'trend_plus', 'trend_minus', 'market_plus', 'market_minus',
						 'slice', 'slice_point', 'backtest', 'backtest_point')
		  OR oid IN ('ratio_trend(rivalry, interval)'::regprocedure, 'parity_in(rivalry, interval, text)'::regprocedure,
					 'slope(trend, interval)'::regprocedure, 'growth_rate(trend, interval)'::regprocedure,
					 'doubling_time(trend, interval)'::regprocedure) $$,
	'every function is STRICT but the transition functions, + and - (NULL is the identity), and those with an argument that defaults to NULL (an interval, slice''s bounds, backtest''s max_horizon)');
SELECT is_empty($$ SELECT oid::regprocedure FROM owned WHERE proparallel <> 's' $$,
	'every function is PARALLEL SAFE');
SELECT is_empty($$ SELECT oid::regprocedure FROM owned
	WHERE coalesce(obj_description(oid, 'pg_proc'), '') = '' $$,
	'every function has a comment');
SELECT is_empty($$ SELECT oid::regprocedure FROM owned
	WHERE prokind <> 'a' AND prolang <> (SELECT oid FROM pg_language WHERE lanname = 'c') $$,
	'every function is written in C');

-- the control file's promises
SELECT is((SELECT extrelocatable FROM pg_extension WHERE extname = 'adoption'), true,
	'the extension is relocatable');
SELECT is((SELECT trusted FROM pg_available_extension_versions
		   WHERE name = 'adoption' AND version = '0.5.0'), true,
	'the extension is trusted: no superuser needed');
SELECT is((SELECT extversion FROM pg_extension WHERE extname = 'adoption'), '0.5.0',
	'the installed version is 0.5.0');
SELECT is_empty($$ SELECT typname FROM pg_type t
	JOIN pg_depend d ON d.classid = 'pg_type'::regclass AND d.objid = t.oid
	JOIN pg_extension e ON e.oid = d.refobjid AND e.extname = 'adoption'
	WHERE coalesce(obj_description(t.oid, 'pg_type'), '') = '' $$,
	'every type has a comment');
SELECT ok(obj_description((SELECT oid FROM pg_extension WHERE extname = 'adoption'), 'pg_extension') IS NOT NULL,
	'the extension has a comment');

-- the aggregates: state type is the summary type itself (not internal), with a
-- combine function, parallel safe (docs/design.md)
SELECT is_empty($$ SELECT a.aggfnoid::regprocedure FROM pg_aggregate a JOIN owned o ON o.oid = a.aggfnoid
	WHERE a.aggtranstype NOT IN ('rivalry'::regtype, 'trend'::regtype, 'market'::regtype) OR a.aggcombinefn = 0
	   OR a.aggserialfn <> 0 OR o.proparallel <> 's' $$,
	'every aggregate has a summary type as state, a combine function, and is PARALLEL SAFE');
SELECT is((SELECT count(*) FROM pg_aggregate a JOIN owned o ON o.oid = a.aggfnoid), 22::bigint,
	'22 aggregates: rivalry_agg wide and long, trend_agg and market_agg over four kinds of time, rollup and rolling of each summary');
SELECT is_empty($$ SELECT a.aggfnoid::regprocedure FROM pg_aggregate a JOIN owned o ON o.oid = a.aggfnoid
	WHERE o.proname = 'rolling' AND (a.aggminvtransfn = 0 OR a.aggmtranstype = 0) $$,
	'rolling() has a moving-aggregate inverse');
SELECT is_empty($$ SELECT o.oid::regoperator FROM pg_operator o
	JOIN pg_depend d ON d.classid = 'pg_operator'::regclass AND d.objid = o.oid
	JOIN pg_extension e ON e.oid = d.refobjid AND e.extname = 'adoption'
	WHERE coalesce(obj_description(o.oid, 'pg_operator'), '') = ''
	   OR (o.oprname IN ('=', '<>') AND (o.oprnegate = 0 OR o.oprcom = 0))
	   OR (o.oprname = '+' AND o.oprcom <> o.oid)
	   OR (o.oprname = '-' AND (o.oprcom <> 0 OR o.oprnegate <> 0)) $$,
	'every operator has a comment; = and <> commute and negate each other, + commutes, - does neither');
SELECT is((SELECT typalign::text || typstorage::text FROM pg_type WHERE oid = 'rivalry'::regtype), 'dx',
	'rivalry is double-aligned and may be compressed');

-- the settings, as the README's table gives them (loaded with the library)
SELECT ok(parity_point('{"version":1,"time":"number","periods":[[1,3,1,1,1],[2,2,1,1,1]]}'::rivalry) IS NOT NULL,
	'the library is loaded');
SELECT is((SELECT array_agg(format('%s %s %s %s %s', name, boot_val, min_val, max_val, context) ORDER BY name)
	FROM pg_settings WHERE name LIKE 'adoption.%'),
	ARRAY['adoption.max_labels 1000 1 65535 user', 'adoption.max_periods 100000 2 10000000 user'],
	'adoption.max_labels: 1000 (1 to 65535); adoption.max_periods: 100000 (2 to 10 000 000); both settable by any user');

SELECT * FROM finish();
ROLLBACK;
