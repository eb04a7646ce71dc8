
-- Every function is IMMUTABLE STRICT PARALLEL SAFE: results depend only on
-- the arguments (date and timestamp are read as UTC, never in the session's
-- TimeZone), and no function keeps state between calls.

-- share(value) OVER (...)

CREATE FUNCTION share(value float8) RETURNS float8
	AS 'MODULE_PATHNAME', 'share_window'
	LANGUAGE C WINDOW IMMUTABLE STRICT PARALLEL SAFE;

COMMENT ON FUNCTION share(float8) IS
'window function: the value''s share of the sum of the partition''s non-NULL values; integer and numeric columns are cast to double precision';

-- share_interval(part, total, level)

CREATE FUNCTION share_interval(part float8, total float8, level float8 DEFAULT 0.95,
	OUT share float8, OUT lower float8, OUT upper float8) RETURNS record
	AS 'MODULE_PATHNAME', 'share_interval'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

COMMENT ON FUNCTION share_interval(float8, float8, float8) IS
'share part / total of a count with its Wilson score interval at the given confidence level';

-- ratio_change(before, after)

CREATE FUNCTION ratio_change(before float8, after float8) RETURNS float8
	AS 'MODULE_PATHNAME', 'ratio_change_float8'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

COMMENT ON FUNCTION ratio_change(float8, float8) IS
'relative change from before to after: after / before - 1';

-- parity_at(t1, ratio1, t2, ratio2, method)

CREATE FUNCTION parity_at(t1 timestamptz, ratio1 float8, t2 timestamptz, ratio2 float8,
	method text DEFAULT 'loglinear') RETURNS timestamptz
	AS 'MODULE_PATHNAME', 'parity_at_timestamptz'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

COMMENT ON FUNCTION parity_at(timestamptz, float8, timestamptz, float8, text) IS
'instant at which a ratio observed as ratio1 at t1 and ratio2 at t2 reaches 1, projected by method (loglinear or linear); NULL when the ratio does not move';

-- timestamp and timestamptz share one representation: timestamp is read as UTC
CREATE FUNCTION parity_at(t1 timestamp, ratio1 float8, t2 timestamp, ratio2 float8,
	method text DEFAULT 'loglinear') RETURNS timestamptz
	AS 'MODULE_PATHNAME', 'parity_at_timestamptz'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

COMMENT ON FUNCTION parity_at(timestamp, float8, timestamp, float8, text) IS
'instant at which a ratio observed as ratio1 at t1 and ratio2 at t2 (read as UTC) reaches 1, projected by method (loglinear or linear); NULL when the ratio does not move';

CREATE FUNCTION parity_at(t1 date, ratio1 float8, t2 date, ratio2 float8,
	method text DEFAULT 'loglinear') RETURNS timestamptz
	AS 'MODULE_PATHNAME', 'parity_at_date'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

COMMENT ON FUNCTION parity_at(date, float8, date, float8, text) IS
'instant at which a ratio observed as ratio1 on t1 and ratio2 on t2 (midnight UTC) reaches 1, projected by method (loglinear or linear); NULL when the ratio does not move';

CREATE FUNCTION parity_at(t1 float8, ratio1 float8, t2 float8, ratio2 float8,
	method text DEFAULT 'loglinear') RETURNS float8
	AS 'MODULE_PATHNAME', 'parity_at_float8'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

COMMENT ON FUNCTION parity_at(float8, float8, float8, float8, text) IS
'time, in the units of t1 and t2, at which a ratio observed as ratio1 at t1 and ratio2 at t2 reaches 1, projected by method (loglinear or linear); NULL when the ratio does not move';
