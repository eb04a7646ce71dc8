-- 0.3.0: summaries as durable data: equality, rollup(), rolling(), rebucket().

-- equality: canonical forms compared byte for byte

CREATE FUNCTION rivalry_eq(rivalry, rivalry) RETURNS bool
	AS 'MODULE_PATHNAME', 'summary_eq' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION rivalry_ne(rivalry, rivalry) RETURNS bool
	AS 'MODULE_PATHNAME', 'summary_ne' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION trend_eq(trend, trend) RETURNS bool
	AS 'MODULE_PATHNAME', 'summary_eq' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION trend_ne(trend, trend) RETURNS bool
	AS 'MODULE_PATHNAME', 'summary_ne' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

COMMENT ON FUNCTION rivalry_eq(rivalry, rivalry) IS 'equality of rivalry summaries: the same periods, sums and row counts';
COMMENT ON FUNCTION rivalry_ne(rivalry, rivalry) IS 'inequality of rivalry summaries';
COMMENT ON FUNCTION trend_eq(trend, trend) IS 'equality of trend summaries: the same periods, sums and row counts';
COMMENT ON FUNCTION trend_ne(trend, trend) IS 'inequality of trend summaries';

CREATE OPERATOR = (LEFTARG = rivalry, RIGHTARG = rivalry, FUNCTION = rivalry_eq,
	COMMUTATOR = =, NEGATOR = <>, RESTRICT = eqsel, JOIN = eqjoinsel);
CREATE OPERATOR <> (LEFTARG = rivalry, RIGHTARG = rivalry, FUNCTION = rivalry_ne,
	COMMUTATOR = <>, NEGATOR = =, RESTRICT = neqsel, JOIN = neqjoinsel);
CREATE OPERATOR = (LEFTARG = trend, RIGHTARG = trend, FUNCTION = trend_eq,
	COMMUTATOR = =, NEGATOR = <>, RESTRICT = eqsel, JOIN = eqjoinsel);
CREATE OPERATOR <> (LEFTARG = trend, RIGHTARG = trend, FUNCTION = trend_ne,
	COMMUTATOR = <>, NEGATOR = =, RESTRICT = neqsel, JOIN = neqjoinsel);

COMMENT ON OPERATOR = (rivalry, rivalry) IS 'equal summaries';
COMMENT ON OPERATOR <> (rivalry, rivalry) IS 'different summaries';
COMMENT ON OPERATOR = (trend, trend) IS 'equal summaries';
COMMENT ON OPERATOR <> (trend, trend) IS 'different summaries';

-- rollup(summary): merge stored summaries.  The combine function is the
-- transition: STRICT, so the first summary is the initial state.

CREATE AGGREGATE rollup(rivalry) (
	SFUNC = rivalry_combine, STYPE = rivalry,
	FINALFUNC = rivalry_final, COMBINEFUNC = rivalry_combine, PARALLEL = SAFE);
CREATE AGGREGATE rollup(trend) (
	SFUNC = trend_combine, STYPE = trend,
	FINALFUNC = trend_final, COMBINEFUNC = trend_combine, PARALLEL = SAFE);

COMMENT ON AGGREGATE rollup(rivalry) IS 'merges rivalry summaries (periods in several are summed)';
COMMENT ON AGGREGATE rollup(trend) IS 'merges trend summaries (periods in several are summed)';

-- rolling(summary) OVER (...): rollup for moving window frames, with an
-- inverse that removes a summary exactly, or returns NULL to have the
-- frame recomputed

CREATE FUNCTION rivalry_rolling_inverse(rivalry, rivalry) RETURNS rivalry
	AS 'MODULE_PATHNAME', 'summary_rolling_inverse' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION trend_rolling_inverse(trend, trend) RETURNS trend
	AS 'MODULE_PATHNAME', 'summary_rolling_inverse' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

COMMENT ON FUNCTION rivalry_rolling_inverse(rivalry, rivalry) IS 'inverse transition of rolling(rivalry): removes a summary from the frame';
COMMENT ON FUNCTION trend_rolling_inverse(trend, trend) IS 'inverse transition of rolling(trend): removes a summary from the frame';

CREATE AGGREGATE rolling(rivalry) (
	SFUNC = rivalry_combine, STYPE = rivalry,
	FINALFUNC = rivalry_final, COMBINEFUNC = rivalry_combine, PARALLEL = SAFE,
	MSFUNC = rivalry_combine, MINVFUNC = rivalry_rolling_inverse, MSTYPE = rivalry,
	MFINALFUNC = rivalry_final);
CREATE AGGREGATE rolling(trend) (
	SFUNC = trend_combine, STYPE = trend,
	FINALFUNC = trend_final, COMBINEFUNC = trend_combine, PARALLEL = SAFE,
	MSFUNC = trend_combine, MINVFUNC = trend_rolling_inverse, MSTYPE = trend,
	MFINALFUNC = trend_final);

COMMENT ON AGGREGATE rolling(rivalry) IS 'rollup(rivalry) for moving window frames: removes the summaries that leave the frame';
COMMENT ON AGGREGATE rolling(trend) IS 'rollup(trend) for moving window frames: removes the summaries that leave the frame';

-- rebucket(summary, width): wider periods, date_trunc() semantics in UTC

CREATE FUNCTION rebucket(r rivalry, width interval) RETURNS rivalry
	AS 'MODULE_PATHNAME', 'summary_rebucket' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION rebucket(tr trend, width interval) RETURNS trend
	AS 'MODULE_PATHNAME', 'summary_rebucket' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

COMMENT ON FUNCTION rebucket(rivalry, interval) IS 'the summary in wider periods (month, quarter, year, ...: date_trunc in UTC), equal periods summed';
COMMENT ON FUNCTION rebucket(trend, interval) IS 'the summary in wider periods (month, quarter, year, ...: date_trunc in UTC), equal periods summed';
