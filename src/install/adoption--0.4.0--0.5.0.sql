-- 0.5.0: the same answers wherever they are computed.

-- fit() says whether and in how many iterations it converged, and why a
-- rivalry has no line.  Its columns change, so it is made anew: a view over
-- fit() must be dropped before this update and made again after.
DROP FUNCTION fit(rivalry, text);
CREATE FUNCTION fit(r rivalry, method text DEFAULT 'loglinear',
	OUT slope float8, OUT intercept float8, OUT r2 float8, OUT deviance float8,
	OUT dispersion float8, OUT df int4, OUT periods_used int4, OUT periods_skipped int4,
	OUT converged bool, OUT iterations int4, OUT status text)
	RETURNS record
	AS 'MODULE_PATHNAME', 'rivalry_fit_record' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION fit(rivalry, text) IS
'diagnostics of the fitted line: slope per second (per unit of numeric time), intercept at 1970-01-01 (at 0), r2, deviance, dispersion, residual df, periods used and skipped, whether and in how many iterations it converged, and its status: ok, or why there is no line';

CREATE FUNCTION market_rolling_inverse(market, market) RETURNS market
	AS 'MODULE_PATHNAME', 'market_rolling_inverse' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION market_rolling_inverse(market, market) IS 'inverse transition of rolling(market): removes a market from the frame';

CREATE AGGREGATE rolling(market) (
	SFUNC = market_combine, STYPE = market,
	FINALFUNC = market_final, COMBINEFUNC = market_combine, PARALLEL = SAFE,
	MSFUNC = market_combine, MINVFUNC = market_rolling_inverse, MSTYPE = market,
	MFINALFUNC = market_final);
COMMENT ON AGGREGATE rolling(market) IS 'rollup(market) for moving window frames: removes the markets that leave the frame';

-- parity_interval() gives an unbounded end as NULL, and says whether the
-- interval is bounded; both projections take a band.  Their signatures
-- change, so they are made anew: drop a view over them before this update.
DROP FUNCTION parity_interval(rivalry, float8, text);
CREATE FUNCTION parity_interval(r rivalry, level float8 DEFAULT 0.95, method text DEFAULT 'loglinear',
	OUT estimate timestamptz, OUT lower timestamptz, OUT upper timestamptz, OUT bounded bool)
	RETURNS record
	AS 'MODULE_PATHNAME', 'rivalry_parity_interval' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION parity_interval(rivalry, float8, text) IS
'parity instant with its Fieller confidence interval (t quantiles on the residual degrees of freedom); an unbounded end is NULL, and bounded is false; NULL under 3 periods';

DROP FUNCTION projection(rivalry, timestamptz, interval, float8, text);
CREATE FUNCTION projection(r rivalry, until timestamptz, step interval DEFAULT '1 month',
	level float8 DEFAULT 0.95, method text DEFAULT 'loglinear', band text DEFAULT 'confidence')
	RETURNS TABLE ("time" timestamptz, observed_share float8, fitted_share float8,
				   lower float8, upper float8, fitted_ratio float8)
	AS 'MODULE_PATHNAME', 'rivalry_projection' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE ROWS 100;
COMMENT ON FUNCTION projection(rivalry, timestamptz, interval, float8, text, text) IS
'rows for a chart: every observed period and every step up to until, with observed share, fitted share and its band (confidence: of the fitted line; prediction: of one more period''s share), fitted ratio';

DROP FUNCTION projection(trend, timestamptz, interval, float8);
CREATE FUNCTION projection(tr trend, until timestamptz, step interval DEFAULT '1 month',
	level float8 DEFAULT 0.95, band text DEFAULT 'confidence')
	RETURNS TABLE ("time" timestamptz, observed float8, fitted float8, lower float8, upper float8)
	AS 'MODULE_PATHNAME', 'trend_projection' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE ROWS 100;
COMMENT ON FUNCTION projection(trend, timestamptz, interval, float8, text) IS
'rows for a chart: every observed period and every step up to until, with the observed value, the least-squares line and its band (confidence: of the line; prediction: of one more period''s value)';

-- = hashes: PostgreSQL 15's ALTER OPERATOR cannot say so, the catalog can
UPDATE pg_catalog.pg_operator SET oprcanhash = true
	WHERE oprname = '=' AND oprleft = oprright
	AND oprleft IN ('rivalry'::regtype, 'trend'::regtype, 'market'::regtype);

-- Every answer over numeric time: a _point twin takes and returns float8 in
-- the time column's units (epoch seconds, as extract(epoch FROM t), over
-- timestamps and dates) wherever the accessor takes or returns an instant.

CREATE FUNCTION first_point(rivalry) RETURNS float8
	AS 'MODULE_PATHNAME', 'summary_first_point' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION first_point(trend) RETURNS float8
	AS 'MODULE_PATHNAME', 'summary_first_point' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION first_point(market) RETURNS float8
	AS 'MODULE_PATHNAME', 'summary_first_point' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION last_point(rivalry) RETURNS float8
	AS 'MODULE_PATHNAME', 'summary_last_point' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION last_point(trend) RETURNS float8
	AS 'MODULE_PATHNAME', 'summary_last_point' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION last_point(market) RETURNS float8
	AS 'MODULE_PATHNAME', 'summary_last_point' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION first_point(rivalry) IS 'first period observed, in the time column''s units (epoch seconds for timestamps and dates)';
COMMENT ON FUNCTION first_point(trend) IS 'first period observed, in the time column''s units (epoch seconds for timestamps and dates)';
COMMENT ON FUNCTION first_point(market) IS 'first period observed, in the time column''s units (epoch seconds for timestamps and dates)';
COMMENT ON FUNCTION last_point(rivalry) IS 'last period observed, in the time column''s units (epoch seconds for timestamps and dates)';
COMMENT ON FUNCTION last_point(trend) IS 'last period observed, in the time column''s units (epoch seconds for timestamps and dates)';
COMMENT ON FUNCTION last_point(market) IS 'last period observed, in the time column''s units (epoch seconds for timestamps and dates)';

CREATE FUNCTION parity_interval_point(r rivalry, level float8 DEFAULT 0.95, method text DEFAULT 'loglinear',
	OUT estimate float8, OUT lower float8, OUT upper float8, OUT bounded bool)
	RETURNS record
	AS 'MODULE_PATHNAME', 'rivalry_parity_interval_point' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION parity_interval_point(rivalry, float8, text) IS
'parity_interval in the time column''s units (epoch seconds for timestamps and dates)';

CREATE FUNCTION fitted_share_point(r rivalry, point float8, method text DEFAULT 'loglinear') RETURNS float8
	AS 'MODULE_PATHNAME', 'rivalry_fitted_share_point' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION fitted_share_point(rivalry, float8, text) IS
'a''s share by the fitted model at point, in the time column''s units';
CREATE FUNCTION fitted_ratio_point(r rivalry, point float8, method text DEFAULT 'loglinear') RETURNS float8
	AS 'MODULE_PATHNAME', 'rivalry_fitted_ratio_point' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION fitted_ratio_point(rivalry, float8, text) IS
'the ratio a / b by the fitted model at point, in the time column''s units';

CREATE FUNCTION projection_point(r rivalry, until float8, step float8 DEFAULT 1,
	level float8 DEFAULT 0.95, method text DEFAULT 'loglinear', band text DEFAULT 'confidence')
	RETURNS TABLE (point float8, observed_share float8, fitted_share float8,
				   lower float8, upper float8, fitted_ratio float8)
	AS 'MODULE_PATHNAME', 'rivalry_projection_point' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE ROWS 100;
COMMENT ON FUNCTION projection_point(rivalry, float8, float8, float8, text, text) IS
'projection in the time column''s units: until and step, and the point of each row, are numbers (epoch seconds for timestamps and dates)';

CREATE FUNCTION value_at_point(tr trend, point float8) RETURNS float8
	AS 'MODULE_PATHNAME', 'trend_value_at_point' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION value_at_point(trend, float8) IS 'the least-squares line at point, in the time column''s units';
CREATE FUNCTION reaches_point(tr trend, value float8) RETURNS float8
	AS 'MODULE_PATHNAME', 'trend_reaches_point' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION reaches_point(trend, float8) IS
'point, in the time column''s units, at which the least-squares line reaches value; NULL when flat';

CREATE FUNCTION projection_point(tr trend, until float8, step float8 DEFAULT 1,
	level float8 DEFAULT 0.95, band text DEFAULT 'confidence')
	RETURNS TABLE (point float8, observed float8, fitted float8, lower float8, upper float8)
	AS 'MODULE_PATHNAME', 'trend_projection_point' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE ROWS 100;
COMMENT ON FUNCTION projection_point(trend, float8, float8, float8, text) IS
'projection in the time column''s units: until and step, and the point of each row, are numbers (epoch seconds for timestamps and dates)';

CREATE FUNCTION leader_change_points(m market, OUT point float8, OUT from_label text, OUT to_label text)
	RETURNS SETOF record
	AS 'MODULE_PATHNAME', 'market_leader_change_points' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE ROWS 4;
COMMENT ON FUNCTION leader_change_points(market) IS
'leader_changes in the time column''s units (epoch seconds for timestamps and dates)';

-- unnest(summary): the periods themselves

CREATE FUNCTION unnest(r rivalry, OUT "time" timestamptz, OUT point float8, OUT a float8, OUT b float8,
	OUT a_rows int8, OUT b_rows int8, OUT share float8, OUT ratio float8)
	RETURNS SETOF record
	AS 'MODULE_PATHNAME', 'rivalry_unnest' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE ROWS 100;
COMMENT ON FUNCTION unnest(rivalry) IS
'a row per period: time (NULL over numeric time), point, the sums of a and b, their row counts, a''s share and the ratio a / b';
CREATE FUNCTION unnest(tr trend, OUT "time" timestamptz, OUT point float8, OUT value float8, OUT rows int8)
	RETURNS SETOF record
	AS 'MODULE_PATHNAME', 'trend_unnest' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE ROWS 100;
COMMENT ON FUNCTION unnest(trend) IS
'a row per period: time (NULL over numeric time), point, the summed value and its row count';
CREATE FUNCTION unnest(m market, OUT "time" timestamptz, OUT point float8, OUT label text, OUT value float8,
	OUT rows int8, OUT share float8, OUT rank int4)
	RETURNS SETOF record
	AS 'MODULE_PATHNAME', 'market_unnest' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE ROWS 1000;
COMMENT ON FUNCTION unnest(market) IS
'a row per period and label: time (NULL over numeric time), point, label, summed value, row count, share of the period and rank in it (1 the largest; ties share a rank)';

-- names that do not shadow PostgreSQL's: first_value(trend), last_value(trend),
-- share(rivalry) and leader(rivalry) stay, deprecated, until 0.6.0

CREATE FUNCTION first_val(tr trend) RETURNS float8
	AS 'MODULE_PATHNAME', 'trend_first_value' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION last_val(tr trend) RETURNS float8
	AS 'MODULE_PATHNAME', 'trend_last_value' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION overall_share(r rivalry) RETURNS float8
	AS 'MODULE_PATHNAME', 'rivalry_share' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION leading_side(r rivalry) RETURNS text
	AS 'MODULE_PATHNAME', 'rivalry_leading_side' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION first_val(trend) IS 'value of the first period';
COMMENT ON FUNCTION last_val(trend) IS 'value of the last period';
COMMENT ON FUNCTION overall_share(rivalry) IS 'a''s share over all periods: sum(a) / (sum(a) + sum(b))';
COMMENT ON FUNCTION leading_side(rivalry) IS '''a'' or ''b'', the side leading the last period; NULL on a tie';

COMMENT ON FUNCTION first_value(trend) IS 'deprecated (removed in 0.6.0): first_val(), which first_value() OVER (...) does not shadow';
COMMENT ON FUNCTION last_value(trend) IS 'deprecated (removed in 0.6.0): last_val(), which last_value() OVER (...) does not shadow';
COMMENT ON FUNCTION share(rivalry) IS 'deprecated (removed in 0.6.0): overall_share(), which share() OVER (...) does not shadow';
COMMENT ON FUNCTION leader(rivalry) IS 'deprecated (removed in 0.6.0): leading_side(), which answers ''a'' or ''b'' as leader(market) answers a label';

-- hash operator classes: DISTINCT, UNION, GROUP BY and hash joins over summaries

CREATE FUNCTION rivalry_hash(rivalry) RETURNS int4
	AS 'MODULE_PATHNAME', 'summary_hash' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION rivalry_hash_extended(rivalry, int8) RETURNS int8
	AS 'MODULE_PATHNAME', 'summary_hash_extended' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION trend_hash(trend) RETURNS int4
	AS 'MODULE_PATHNAME', 'summary_hash' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION trend_hash_extended(trend, int8) RETURNS int8
	AS 'MODULE_PATHNAME', 'summary_hash_extended' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION market_hash(market) RETURNS int4
	AS 'MODULE_PATHNAME', 'market_hash' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION market_hash_extended(market, int8) RETURNS int8
	AS 'MODULE_PATHNAME', 'market_hash_extended' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION rivalry_hash(rivalry) IS 'hash of a rivalry''s canonical bytes';
COMMENT ON FUNCTION rivalry_hash_extended(rivalry, int8) IS 'hash of a rivalry''s canonical bytes, with a seed';
COMMENT ON FUNCTION trend_hash(trend) IS 'hash of a trend''s canonical bytes';
COMMENT ON FUNCTION trend_hash_extended(trend, int8) IS 'hash of a trend''s canonical bytes, with a seed';
COMMENT ON FUNCTION market_hash(market) IS 'hash of a market''s canonical bytes';
COMMENT ON FUNCTION market_hash_extended(market, int8) IS 'hash of a market''s canonical bytes, with a seed';

CREATE OPERATOR CLASS rivalry_hash_ops DEFAULT FOR TYPE rivalry USING hash AS
	OPERATOR 1 = (rivalry, rivalry),
	FUNCTION 1 rivalry_hash(rivalry),
	FUNCTION 2 rivalry_hash_extended(rivalry, int8);
CREATE OPERATOR CLASS trend_hash_ops DEFAULT FOR TYPE trend USING hash AS
	OPERATOR 1 = (trend, trend),
	FUNCTION 1 trend_hash(trend),
	FUNCTION 2 trend_hash_extended(trend, int8);
CREATE OPERATOR CLASS market_hash_ops DEFAULT FOR TYPE market USING hash AS
	OPERATOR 1 = (market, market),
	FUNCTION 1 market_hash(market),
	FUNCTION 2 market_hash_extended(market, int8);

-- a parity beyond timestamptz is NULL, not an error that fails a whole GROUP BY
COMMENT ON FUNCTION parity_at(timestamptz, float8, timestamptz, float8, text) IS
'instant at which a ratio observed as ratio1 at t1 and ratio2 at t2 reaches 1, projected by method (loglinear or linear); NULL when the ratio does not move or the instant lies beyond timestamptz';
COMMENT ON FUNCTION parity_at(timestamp, float8, timestamp, float8, text) IS
'instant at which a ratio observed as ratio1 at t1 and ratio2 at t2 (read as UTC) reaches 1, projected by method (loglinear or linear); NULL when the ratio does not move or the instant lies beyond timestamptz';
COMMENT ON FUNCTION parity_at(date, float8, date, float8, text) IS
'instant at which a ratio observed as ratio1 on t1 and ratio2 on t2 (midnight UTC) reaches 1, projected by method (loglinear or linear); NULL when the ratio does not move or the instant lies beyond timestamptz';
COMMENT ON FUNCTION parity_at(rivalry, text) IS
'instant at which the fitted ratio reaches 1 (past or future); NULL when the fit is flat or the instant lies beyond timestamptz (parity_point gives it)';
COMMENT ON FUNCTION reaches(trend, float8) IS 'instant at which the least-squares line reaches value; NULL when flat or beyond timestamptz';

-- 0.5.0, summaries kept current: + merges two summaries, - takes one's rows
-- from the other exactly.  Not STRICT: NULL is the identity of +, and
-- subtracts nothing.

CREATE FUNCTION rivalry_plus(rivalry, rivalry) RETURNS rivalry
	AS 'MODULE_PATHNAME', 'summary_plus' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION rivalry_minus(rivalry, rivalry) RETURNS rivalry
	AS 'MODULE_PATHNAME', 'summary_minus' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION trend_plus(trend, trend) RETURNS trend
	AS 'MODULE_PATHNAME', 'summary_plus' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION trend_minus(trend, trend) RETURNS trend
	AS 'MODULE_PATHNAME', 'summary_minus' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION market_plus(market, market) RETURNS market
	AS 'MODULE_PATHNAME', 'market_plus' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION market_minus(market, market) RETURNS market
	AS 'MODULE_PATHNAME', 'market_minus' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION rivalry_plus(rivalry, rivalry) IS 'the summary of both summaries'' rows, as rollup() of the two; NULL is the identity';
COMMENT ON FUNCTION rivalry_minus(rivalry, rivalry) IS 'the first summary without the second''s rows, exactly; an error unless the second is contained in the first';
COMMENT ON FUNCTION trend_plus(trend, trend) IS 'the summary of both summaries'' rows, as rollup() of the two; NULL is the identity';
COMMENT ON FUNCTION trend_minus(trend, trend) IS 'the first summary without the second''s rows, exactly; an error unless the second is contained in the first';
COMMENT ON FUNCTION market_plus(market, market) IS 'the market of both markets'' rows, as rollup() of the two; NULL is the identity';
COMMENT ON FUNCTION market_minus(market, market) IS 'the first market without the second''s rows, exactly; an error unless the second is contained in the first';

CREATE OPERATOR + (LEFTARG = rivalry, RIGHTARG = rivalry, FUNCTION = rivalry_plus, COMMUTATOR = +);
CREATE OPERATOR - (LEFTARG = rivalry, RIGHTARG = rivalry, FUNCTION = rivalry_minus);
CREATE OPERATOR + (LEFTARG = trend, RIGHTARG = trend, FUNCTION = trend_plus, COMMUTATOR = +);
CREATE OPERATOR - (LEFTARG = trend, RIGHTARG = trend, FUNCTION = trend_minus);
CREATE OPERATOR + (LEFTARG = market, RIGHTARG = market, FUNCTION = market_plus, COMMUTATOR = +);
CREATE OPERATOR - (LEFTARG = market, RIGHTARG = market, FUNCTION = market_minus);
COMMENT ON OPERATOR + (rivalry, rivalry) IS 'merge two summaries';
COMMENT ON OPERATOR - (rivalry, rivalry) IS 'take the second summary''s rows from the first';
COMMENT ON OPERATOR + (trend, trend) IS 'merge two summaries';
COMMENT ON OPERATOR - (trend, trend) IS 'take the second summary''s rows from the first';
COMMENT ON OPERATOR + (market, market) IS 'merge two markets';
COMMENT ON OPERATOR - (market, market) IS 'take the second market''s rows from the first';

-- adoption_maintain(source, target, summary, keys): a summary table kept
-- current as rows arrive.  Written in PL/pgSQL (it writes SQL), safe in a
-- trusted extension: not SECURITY DEFINER (it runs with its caller's
-- rights, and the code it writes with the rights of whoever changes the
-- source), search_path pinned, every name quoted and qualified.

CREATE FUNCTION adoption_maintain(source regclass, target regclass, summary text, keys text[])
	RETURNS void
	LANGUAGE plpgsql VOLATILE PARALLEL UNSAFE
	SET search_path = pg_catalog, pg_temp
	AS $maintain$
DECLARE
	ext name;
	key_columns name[];
	sum_column name;
	sum_count int;
	target_schema name;
	target_name name;
	fn text;
	body text;
	n int;
	nonempty bool;
	key_list text;			-- the target's key columns, quoted
	expr_list text;			-- the key expressions, aliased k1, k2, ...
	positions text;			-- 1, 2, ... for GROUP BY and ORDER BY
	match_d text;			-- the target's key = d.kN AND ...
	match_k text;			-- the target's key = k.kN AND ...
	k_list text;			-- k1, k2, ...
BEGIN
	IF source IS NULL OR target IS NULL OR summary IS NULL OR keys IS NULL THEN
		RAISE EXCEPTION USING ERRCODE = 'null_value_not_allowed',
			MESSAGE = 'source, target, summary and keys cannot be null';
	END IF;
	SELECT e.extnamespace::regnamespace::name INTO ext FROM pg_catalog.pg_extension e WHERE e.extname = 'adoption';
	SELECT c.relnamespace::regnamespace::name, c.relname INTO target_schema, target_name
		FROM pg_catalog.pg_class c WHERE c.oid = target;
	IF (SELECT c.relkind FROM pg_catalog.pg_class c WHERE c.oid = source) NOT IN ('r', 'p') THEN
		RAISE EXCEPTION USING ERRCODE = 'wrong_object_type',
			MESSAGE = pg_catalog.format('source %s is not a table', source);
	END IF;

	-- the key: the target's primary key columns, in order
	SELECT pg_catalog.array_agg(a.attname ORDER BY k.ord) INTO key_columns
		FROM pg_catalog.pg_index x, pg_catalog.unnest(x.indkey) WITH ORDINALITY k(attnum, ord),
			pg_catalog.pg_attribute a
		WHERE x.indrelid = target AND x.indisprimary AND a.attrelid = target AND a.attnum = k.attnum;
	IF key_columns IS NULL THEN
		RAISE EXCEPTION USING ERRCODE = 'invalid_table_definition',
			MESSAGE = pg_catalog.format('target %s has no primary key', target),
			HINT = 'The primary key is the summary''s key, e.g. PRIMARY KEY (metric, month).';
	END IF;
	n := pg_catalog.cardinality(key_columns);
	IF pg_catalog.cardinality(keys) <> n THEN
		RAISE EXCEPTION USING ERRCODE = 'invalid_parameter_value',
			MESSAGE = pg_catalog.format('keys has %s expressions, and the primary key of %s has %s columns',
										pg_catalog.cardinality(keys), target, n),
			DETAIL = pg_catalog.format('The primary key is (%s).', pg_catalog.array_to_string(key_columns, ', '));
	END IF;

	-- the summary: the target's one column of type rivalry, trend or market
	SELECT pg_catalog.min(a.attname), pg_catalog.count(*) INTO sum_column, sum_count
		FROM pg_catalog.pg_attribute a
		WHERE a.attrelid = target AND a.attnum > 0 AND NOT a.attisdropped
		  AND a.atttypid IN (pg_catalog.format('%I.rivalry', ext)::regtype, pg_catalog.format('%I.trend', ext)::regtype,
							 pg_catalog.format('%I.market', ext)::regtype);
	IF sum_count <> 1 THEN
		RAISE EXCEPTION USING ERRCODE = 'invalid_table_definition',
			MESSAGE = pg_catalog.format('target %s has %s columns of type rivalry, trend or market', target, sum_count),
			HINT = 'A summary table has its key columns and one summary column.';
	END IF;

	fn := pg_catalog.format('%I.%I', target_schema, target_name || '_maintain');
	IF pg_catalog.to_regprocedure(fn || '()') IS NOT NULL THEN
		RAISE EXCEPTION USING ERRCODE = 'duplicate_object',
			MESSAGE = pg_catalog.format('%s is maintained already', target),
			HINT = pg_catalog.format('SELECT adoption_unmaintain(%L) stops it.', target::text);
	END IF;

	key_list := (SELECT pg_catalog.string_agg(pg_catalog.quote_ident(c), ', ' ORDER BY o)
				 FROM pg_catalog.unnest(key_columns) WITH ORDINALITY u(c, o));
	expr_list := (SELECT pg_catalog.string_agg(pg_catalog.format('(%s) AS k%s', e, o), ', ' ORDER BY o)
				  FROM pg_catalog.unnest(keys) WITH ORDINALITY u(e, o));
	positions := (SELECT pg_catalog.string_agg(o::text, ', ') FROM pg_catalog.generate_series(1, n) o);
	k_list := (SELECT pg_catalog.string_agg('k' || o, ', ') FROM pg_catalog.generate_series(1, n) o);
	match_d := (SELECT pg_catalog.string_agg(pg_catalog.format('adoption_summary.%I = d.k%s', c, o), ' AND ' ORDER BY o)
				FROM pg_catalog.unnest(key_columns) WITH ORDINALITY u(c, o));
	match_k := (SELECT pg_catalog.string_agg(pg_catalog.format('adoption_summary.%I = k.k%s', c, o), ' AND ' ORDER BY o)
				FROM pg_catalog.unnest(key_columns) WITH ORDINALITY u(c, o));

	-- the trigger function: new rows added, old rows taken away, per key
	body := pg_catalog.format($body$
DECLARE
	expected bigint;
	updated bigint;
BEGIN
	IF TG_OP = 'TRUNCATE' THEN
		DELETE FROM %1$s;
		RETURN NULL;
	END IF;
	-- the rows of every key this statement takes rows from, locked in key
	-- order: statements that touch the same keys wait for each other, and
	-- do not deadlock by locking them in different orders
	IF TG_OP = 'UPDATE' THEN
		PERFORM FROM %1$s WHERE (%2$s) IN (SELECT %10$s FROM adoption_old UNION SELECT %10$s FROM adoption_new)
		ORDER BY %2$s FOR UPDATE;
	ELSIF TG_OP = 'DELETE' THEN
		PERFORM FROM %1$s WHERE (%2$s) IN (SELECT %10$s FROM adoption_old) ORDER BY %2$s FOR UPDATE;
	END IF;
	IF TG_OP IN ('INSERT', 'UPDATE') THEN
		INSERT INTO %1$s AS adoption_summary (%2$s, %3$I)
		SELECT %4$s, %5$s FROM adoption_new GROUP BY %6$s HAVING (%5$s) IS NOT NULL ORDER BY %6$s
		ON CONFLICT (%2$s) DO UPDATE SET %3$I = adoption_summary.%3$I OPERATOR(%7$I.+) EXCLUDED.%3$I;
	END IF;
	IF TG_OP IN ('DELETE', 'UPDATE') THEN
		WITH d AS MATERIALIZED (
			SELECT %4$s, %5$s AS s FROM adoption_old GROUP BY %6$s HAVING (%5$s) IS NOT NULL),
		u AS (
			UPDATE %1$s AS adoption_summary SET %3$I = adoption_summary.%3$I OPERATOR(%7$I.-) d.s FROM d WHERE %8$s RETURNING 1)
		SELECT (SELECT count(*) FROM d), (SELECT count(*) FROM u) INTO expected, updated;
		IF updated <> expected THEN
			RAISE EXCEPTION USING ERRCODE = 'data_exception',
				MESSAGE = 'summary table %1$s has no row for the key of rows taken away',
				HINT = 'It was changed by hand. Rebuild it: SELECT adoption_unmaintain(''%1$s''); TRUNCATE %1$s; and adoption_maintain() again.';
		END IF;
		DELETE FROM %1$s AS adoption_summary USING (SELECT DISTINCT %4$s FROM adoption_old) k
		WHERE %9$s AND %7$I.periods(adoption_summary.%3$I) = 0;
	END IF;
	RETURN NULL;
END
$body$, target::text, key_list, sum_column, expr_list, summary, positions, ext, match_d, match_k,
		(SELECT pg_catalog.string_agg(pg_catalog.format('(%s)', e), ', ' ORDER BY o)
		 FROM pg_catalog.unnest(keys) WITH ORDINALITY u(e, o)));

	-- no rows may change while the summaries are read and the triggers made
	EXECUTE pg_catalog.format('LOCK TABLE %s IN SHARE MODE', source);
	EXECUTE pg_catalog.format('LOCK TABLE %s IN SHARE ROW EXCLUSIVE MODE', target);
	EXECUTE pg_catalog.format('SELECT EXISTS (SELECT FROM %s)', target) INTO nonempty;
	IF nonempty THEN
		RAISE EXCEPTION USING ERRCODE = 'object_not_in_prerequisite_state',
			MESSAGE = pg_catalog.format('target %s is not empty', target),
			HINT = 'adoption_maintain() fills it from the source: TRUNCATE it first.';
	END IF;

	-- the summaries of the rows there now, read as the trigger reads new rows
	PERFORM pg_catalog.set_config('search_path', pg_catalog.format('pg_catalog, %I, pg_temp', ext), true);
	EXECUTE pg_catalog.format('INSERT INTO %s (%s, %I) SELECT %s, %s FROM %s GROUP BY %s HAVING (%s) IS NOT NULL',
							  target, key_list, sum_column, expr_list, summary, source, positions, summary);
	EXECUTE pg_catalog.format('CREATE FUNCTION %s() RETURNS trigger LANGUAGE plpgsql SET search_path = pg_catalog, %I, pg_temp AS %L',
							  fn, ext, body);
	EXECUTE pg_catalog.format('COMMENT ON FUNCTION %s() IS %L', fn,
							  pg_catalog.format('keeps %s current as rows of %s change (adoption_maintain)', target, source));
	EXECUTE pg_catalog.format('CREATE TRIGGER %I AFTER INSERT ON %s REFERENCING NEW TABLE AS adoption_new '
							  'FOR EACH STATEMENT EXECUTE FUNCTION %s()', target_name || '_maintain_insert', source, fn);
	EXECUTE pg_catalog.format('CREATE TRIGGER %I AFTER UPDATE ON %s REFERENCING OLD TABLE AS adoption_old NEW TABLE AS adoption_new '
							  'FOR EACH STATEMENT EXECUTE FUNCTION %s()', target_name || '_maintain_update', source, fn);
	EXECUTE pg_catalog.format('CREATE TRIGGER %I AFTER DELETE ON %s REFERENCING OLD TABLE AS adoption_old '
							  'FOR EACH STATEMENT EXECUTE FUNCTION %s()', target_name || '_maintain_delete', source, fn);
	EXECUTE pg_catalog.format('CREATE TRIGGER %I AFTER TRUNCATE ON %s '
							  'FOR EACH STATEMENT EXECUTE FUNCTION %s()', target_name || '_maintain_truncate', source, fn);
END
$maintain$;

COMMENT ON FUNCTION adoption_maintain(regclass, regclass, text, text[]) IS
'keeps target, a table of summaries with a primary key, current as rows of source change: fills it, then statement triggers add new rows (+) and take old ones away (-) per key; summary is the aggregate over source''s columns, keys the expressions of the primary key''s columns';

CREATE FUNCTION adoption_unmaintain(target regclass) RETURNS void
	LANGUAGE plpgsql VOLATILE STRICT PARALLEL UNSAFE
	SET search_path = pg_catalog, pg_temp
	AS $unmaintain$
DECLARE
	fn regprocedure;
	trig record;
BEGIN
	SELECT pg_catalog.to_regprocedure(pg_catalog.format('%I.%I()', c.relnamespace::regnamespace::name, c.relname || '_maintain'))
		INTO fn FROM pg_catalog.pg_class c WHERE c.oid = target;
	IF fn IS NULL THEN
		RAISE EXCEPTION USING ERRCODE = 'undefined_object',
			MESSAGE = pg_catalog.format('%s is not maintained', target);
	END IF;
	FOR trig IN SELECT t.tgname, t.tgrelid::regclass AS rel FROM pg_catalog.pg_trigger t WHERE t.tgfoid = fn LOOP
		EXECUTE pg_catalog.format('DROP TRIGGER %I ON %s', trig.tgname, trig.rel);
	END LOOP;
	EXECUTE pg_catalog.format('DROP FUNCTION %s', fn);
END
$unmaintain$;

COMMENT ON FUNCTION adoption_unmaintain(regclass) IS
'stops adoption_maintain() keeping target current: drops its triggers and their function; the summaries stay';

-- 0.5.0, how far to trust a projection: backtests, regime changes, slices

-- not STRICT: from and until default to NULL (unbounded)
CREATE FUNCTION slice(r rivalry, "from" timestamptz DEFAULT NULL, until timestamptz DEFAULT NULL) RETURNS rivalry
	AS 'MODULE_PATHNAME', 'summary_slice' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION slice(tr trend, "from" timestamptz DEFAULT NULL, until timestamptz DEFAULT NULL) RETURNS trend
	AS 'MODULE_PATHNAME', 'summary_slice' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION slice(m market, "from" timestamptz DEFAULT NULL, until timestamptz DEFAULT NULL) RETURNS market
	AS 'MODULE_PATHNAME', 'market_slice' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION slice_point(r rivalry, "from" float8 DEFAULT NULL, until float8 DEFAULT NULL) RETURNS rivalry
	AS 'MODULE_PATHNAME', 'summary_slice_point' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION slice_point(tr trend, "from" float8 DEFAULT NULL, until float8 DEFAULT NULL) RETURNS trend
	AS 'MODULE_PATHNAME', 'summary_slice_point' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION slice_point(m market, "from" float8 DEFAULT NULL, until float8 DEFAULT NULL) RETURNS market
	AS 'MODULE_PATHNAME', 'market_slice_point' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION slice(rivalry, timestamptz, timestamptz) IS 'the summary''s periods from "from" (inclusive) until "until" (exclusive); NULL leaves a side open';
COMMENT ON FUNCTION slice(trend, timestamptz, timestamptz) IS 'the summary''s periods from "from" (inclusive) until "until" (exclusive); NULL leaves a side open';
COMMENT ON FUNCTION slice(market, timestamptz, timestamptz) IS 'the market''s periods from "from" (inclusive) until "until" (exclusive); NULL leaves a side open';
COMMENT ON FUNCTION slice_point(rivalry, float8, float8) IS 'slice in the time column''s units (epoch seconds for timestamps and dates)';
COMMENT ON FUNCTION slice_point(trend, float8, float8) IS 'slice in the time column''s units (epoch seconds for timestamps and dates)';
COMMENT ON FUNCTION slice_point(market, float8, float8) IS 'slice in the time column''s units (epoch seconds for timestamps and dates)';

CREATE FUNCTION backtest(r rivalry, method text DEFAULT 'loglinear', level float8 DEFAULT 0.95,
	min_periods int4 DEFAULT 3, band text DEFAULT 'prediction', max_horizon int4 DEFAULT NULL,
	OUT origin timestamptz, OUT "time" timestamptz, OUT horizon int4, OUT fitted_share float8,
	OUT lower float8, OUT upper float8, OUT observed_share float8, OUT error float8, OUT covered bool)
	RETURNS SETOF record
	AS 'MODULE_PATHNAME', 'rivalry_backtest' LANGUAGE C IMMUTABLE PARALLEL SAFE ROWS 1000;
COMMENT ON FUNCTION backtest(rivalry, text, float8, int4, text, int4) IS
'rolling-origin evaluation: for each origin from the min_periods-th period, the fit up to it projected to every later period up to max_horizon ahead (share, band at level, observed share, error, covered); not STRICT, for max_horizon''s NULL (all)';
CREATE FUNCTION backtest_point(r rivalry, method text DEFAULT 'loglinear', level float8 DEFAULT 0.95,
	min_periods int4 DEFAULT 3, band text DEFAULT 'prediction', max_horizon int4 DEFAULT NULL,
	OUT origin float8, OUT point float8, OUT horizon int4, OUT fitted_share float8,
	OUT lower float8, OUT upper float8, OUT observed_share float8, OUT error float8, OUT covered bool)
	RETURNS SETOF record
	AS 'MODULE_PATHNAME', 'rivalry_backtest_point' LANGUAGE C IMMUTABLE PARALLEL SAFE ROWS 1000;
COMMENT ON FUNCTION backtest_point(rivalry, text, float8, int4, text, int4) IS
'backtest in the time column''s units (epoch seconds for timestamps and dates)';

CREATE FUNCTION backtest_parity(r rivalry, method text DEFAULT 'loglinear', level float8 DEFAULT 0.95,
	min_periods int4 DEFAULT 3,
	OUT origin timestamptz, OUT estimate timestamptz, OUT lower timestamptz, OUT upper timestamptz,
	OUT bounded bool, OUT crossover timestamptz, OUT covered bool)
	RETURNS SETOF record
	AS 'MODULE_PATHNAME', 'rivalry_backtest_parity' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE ROWS 100;
COMMENT ON FUNCTION backtest_parity(rivalry, text, float8, int4) IS
'for each origin, the parity the fit up to it projected with its interval, the first crossover observed after the origin, and whether the interval held it';
CREATE FUNCTION backtest_parity_point(r rivalry, method text DEFAULT 'loglinear', level float8 DEFAULT 0.95,
	min_periods int4 DEFAULT 3,
	OUT origin float8, OUT estimate float8, OUT lower float8, OUT upper float8,
	OUT bounded bool, OUT crossover float8, OUT covered bool)
	RETURNS SETOF record
	AS 'MODULE_PATHNAME', 'rivalry_backtest_parity_point' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE ROWS 100;
COMMENT ON FUNCTION backtest_parity_point(rivalry, text, float8, int4) IS
'backtest_parity in the time column''s units (epoch seconds for timestamps and dates)';

CREATE FUNCTION breaks(r rivalry, max_breaks int4 DEFAULT 3, method text DEFAULT 'loglinear',
	min_length int4 DEFAULT 3, level float8 DEFAULT 0.95,
	OUT "time" timestamptz, OUT slope_before float8, OUT slope_after float8,
	OUT lower timestamptz, OUT upper timestamptz)
	RETURNS SETOF record
	AS 'MODULE_PATHNAME', 'rivalry_breaks' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE ROWS 3;
COMMENT ON FUNCTION breaks(rivalry, int4, text, int4, float8) IS
'where the trend of the log-ratio (logit, ratio) changed: exact segmented least squares, segments of at least min_length periods, the number of breaks by BIC; per break its first period, the slopes (per second, per unit of numeric time) before and after, and the periods it could be at by a likelihood-ratio range at level';
CREATE FUNCTION breaks_point(r rivalry, max_breaks int4 DEFAULT 3, method text DEFAULT 'loglinear',
	min_length int4 DEFAULT 3, level float8 DEFAULT 0.95,
	OUT point float8, OUT slope_before float8, OUT slope_after float8,
	OUT lower float8, OUT upper float8)
	RETURNS SETOF record
	AS 'MODULE_PATHNAME', 'rivalry_breaks_point' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE ROWS 3;
COMMENT ON FUNCTION breaks_point(rivalry, int4, text, int4, float8) IS
'breaks in the time column''s units (epoch seconds for timestamps and dates)';
