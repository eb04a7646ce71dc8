-- adoption: the install script of the current version.  Sections say which
-- release added what; src/install/adoption--X--Y.sql update a database
-- from one release to the next.

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
'instant at which a ratio observed as ratio1 at t1 and ratio2 at t2 reaches 1, projected by method (loglinear or linear); NULL when the ratio does not move or the instant lies beyond timestamptz';

-- timestamp and timestamptz share one representation: timestamp is read as UTC
CREATE FUNCTION parity_at(t1 timestamp, ratio1 float8, t2 timestamp, ratio2 float8,
	method text DEFAULT 'loglinear') RETURNS timestamptz
	AS 'MODULE_PATHNAME', 'parity_at_timestamptz'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

COMMENT ON FUNCTION parity_at(timestamp, float8, timestamp, float8, text) IS
'instant at which a ratio observed as ratio1 at t1 and ratio2 at t2 (read as UTC) reaches 1, projected by method (loglinear or linear); NULL when the ratio does not move or the instant lies beyond timestamptz';

CREATE FUNCTION parity_at(t1 date, ratio1 float8, t2 date, ratio2 float8,
	method text DEFAULT 'loglinear') RETURNS timestamptz
	AS 'MODULE_PATHNAME', 'parity_at_date'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

COMMENT ON FUNCTION parity_at(date, float8, date, float8, text) IS
'instant at which a ratio observed as ratio1 on t1 and ratio2 on t2 (midnight UTC) reaches 1, projected by method (loglinear or linear); NULL when the ratio does not move or the instant lies beyond timestamptz';

CREATE FUNCTION parity_at(t1 float8, ratio1 float8, t2 float8, ratio2 float8,
	method text DEFAULT 'loglinear') RETURNS float8
	AS 'MODULE_PATHNAME', 'parity_at_float8'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

COMMENT ON FUNCTION parity_at(float8, float8, float8, float8, text) IS
'time, in the units of t1 and t2, at which a ratio observed as ratio1 at t1 and ratio2 at t2 reaches 1, projected by method (loglinear or linear); NULL when the ratio does not move';

-- 0.2.0: the summaries rivalry and trend, their aggregates and accessors.
--
-- Functions are IMMUTABLE STRICT PARALLEL SAFE except where a comment says
-- why not: the aggregates' transition functions are not STRICT (they skip
-- rows with a NULL themselves, since the first row creates the state), and
-- functions whose "per" or "unit" interval defaults to NULL are not STRICT
-- (NULL means a year or a month over time, one unit over numeric time;
-- they return NULL for a NULL summary or method themselves).

-- rivalry: a over b, observed per period

CREATE TYPE rivalry;

CREATE FUNCTION rivalry_in(cstring) RETURNS rivalry
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION rivalry_out(rivalry) RETURNS cstring
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION rivalry_recv(internal) RETURNS rivalry
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION rivalry_send(rivalry) RETURNS bytea
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

CREATE TYPE rivalry (
	INPUT = rivalry_in,
	OUTPUT = rivalry_out,
	RECEIVE = rivalry_recv,
	SEND = rivalry_send,
	INTERNALLENGTH = VARIABLE,
	ALIGNMENT = double,
	STORAGE = extended
);

COMMENT ON TYPE rivalry IS
'summary of two contenders a and b over time: per period, the summed values and row counts of each';
COMMENT ON FUNCTION rivalry_in(cstring) IS 'text input of rivalry (JSON)';
COMMENT ON FUNCTION rivalry_out(rivalry) IS 'text output of rivalry (JSON)';
COMMENT ON FUNCTION rivalry_recv(internal) IS 'binary input of rivalry';
COMMENT ON FUNCTION rivalry_send(rivalry) IS 'binary output of rivalry';

-- trend: one series, observed per period

CREATE TYPE trend;

CREATE FUNCTION trend_in(cstring) RETURNS trend
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION trend_out(trend) RETURNS cstring
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION trend_recv(internal) RETURNS trend
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION trend_send(trend) RETURNS bytea
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

CREATE TYPE trend (
	INPUT = trend_in,
	OUTPUT = trend_out,
	RECEIVE = trend_recv,
	SEND = trend_send,
	INTERNALLENGTH = VARIABLE,
	ALIGNMENT = double,
	STORAGE = extended
);

COMMENT ON TYPE trend IS
'summary of one series over time: per period, the summed value and row count';
COMMENT ON FUNCTION trend_in(cstring) IS 'text input of trend (JSON)';
COMMENT ON FUNCTION trend_out(trend) IS 'text output of trend (JSON)';
COMMENT ON FUNCTION trend_recv(internal) IS 'binary input of trend';
COMMENT ON FUNCTION trend_send(trend) IS 'binary output of trend';

-- aggregate support: one combine and one final function serve every summary

CREATE FUNCTION rivalry_combine(rivalry, rivalry) RETURNS rivalry
	AS 'MODULE_PATHNAME', 'summary_combine' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION rivalry_final(rivalry) RETURNS rivalry
	AS 'MODULE_PATHNAME', 'summary_final' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION trend_combine(trend, trend) RETURNS trend
	AS 'MODULE_PATHNAME', 'summary_combine' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION trend_final(trend) RETURNS trend
	AS 'MODULE_PATHNAME', 'summary_final' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

COMMENT ON FUNCTION rivalry_combine(rivalry, rivalry) IS 'combine function of rivalry_agg: merges two summaries, summing equal periods';
COMMENT ON FUNCTION rivalry_final(rivalry) IS 'final function of rivalry_agg: the canonical form of the summary';
COMMENT ON FUNCTION trend_combine(trend, trend) IS 'combine function of trend_agg: merges two summaries, summing equal periods';
COMMENT ON FUNCTION trend_final(trend) IS 'final function of trend_agg: the canonical form of the summary';

-- rivalry_agg(time, a, b): wide rows.  Transition functions are not STRICT:
-- they skip NULL rows themselves.

CREATE FUNCTION rivalry_wide_transfn(rivalry, timestamptz, float8, float8) RETURNS rivalry
	AS 'MODULE_PATHNAME', 'rivalry_wide_transfn' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION rivalry_wide_transfn(rivalry, timestamp, float8, float8) RETURNS rivalry
	AS 'MODULE_PATHNAME', 'rivalry_wide_transfn' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION rivalry_wide_transfn(rivalry, date, float8, float8) RETURNS rivalry
	AS 'MODULE_PATHNAME', 'rivalry_wide_transfn' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION rivalry_wide_transfn(rivalry, float8, float8, float8) RETURNS rivalry
	AS 'MODULE_PATHNAME', 'rivalry_wide_transfn' LANGUAGE C IMMUTABLE PARALLEL SAFE;

COMMENT ON FUNCTION rivalry_wide_transfn(rivalry, timestamptz, float8, float8) IS 'transition function of rivalry_agg(time, a, b)';
COMMENT ON FUNCTION rivalry_wide_transfn(rivalry, timestamp, float8, float8) IS 'transition function of rivalry_agg(time, a, b)';
COMMENT ON FUNCTION rivalry_wide_transfn(rivalry, date, float8, float8) IS 'transition function of rivalry_agg(time, a, b)';
COMMENT ON FUNCTION rivalry_wide_transfn(rivalry, float8, float8, float8) IS 'transition function of rivalry_agg(time, a, b)';

CREATE AGGREGATE rivalry_agg("time" timestamptz, a float8, b float8) (
	SFUNC = rivalry_wide_transfn, STYPE = rivalry,
	FINALFUNC = rivalry_final, COMBINEFUNC = rivalry_combine, PARALLEL = SAFE);
CREATE AGGREGATE rivalry_agg("time" timestamp, a float8, b float8) (
	SFUNC = rivalry_wide_transfn, STYPE = rivalry,
	FINALFUNC = rivalry_final, COMBINEFUNC = rivalry_combine, PARALLEL = SAFE);
CREATE AGGREGATE rivalry_agg("time" date, a float8, b float8) (
	SFUNC = rivalry_wide_transfn, STYPE = rivalry,
	FINALFUNC = rivalry_final, COMBINEFUNC = rivalry_combine, PARALLEL = SAFE);
CREATE AGGREGATE rivalry_agg("time" float8, a float8, b float8) (
	SFUNC = rivalry_wide_transfn, STYPE = rivalry,
	FINALFUNC = rivalry_final, COMBINEFUNC = rivalry_combine, PARALLEL = SAFE);

COMMENT ON AGGREGATE rivalry_agg(timestamptz, float8, float8) IS 'summary of a against b from wide rows: (time, a, b) per row';
COMMENT ON AGGREGATE rivalry_agg(timestamp, float8, float8) IS 'summary of a against b from wide rows: (time, a, b) per row; time read as UTC';
COMMENT ON AGGREGATE rivalry_agg(date, float8, float8) IS 'summary of a against b from wide rows: (time, a, b) per row; dates at midnight UTC';
COMMENT ON AGGREGATE rivalry_agg(float8, float8, float8) IS 'summary of a against b from wide rows: (time, a, b) per row; numeric time';

-- rivalry_agg(time, label, value, a_label, b_label): long rows

CREATE FUNCTION rivalry_long_transfn(rivalry, timestamptz, text, float8, text, text) RETURNS rivalry
	AS 'MODULE_PATHNAME', 'rivalry_long_transfn' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION rivalry_long_transfn(rivalry, timestamp, text, float8, text, text) RETURNS rivalry
	AS 'MODULE_PATHNAME', 'rivalry_long_transfn' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION rivalry_long_transfn(rivalry, date, text, float8, text, text) RETURNS rivalry
	AS 'MODULE_PATHNAME', 'rivalry_long_transfn' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION rivalry_long_transfn(rivalry, float8, text, float8, text, text) RETURNS rivalry
	AS 'MODULE_PATHNAME', 'rivalry_long_transfn' LANGUAGE C IMMUTABLE PARALLEL SAFE;

COMMENT ON FUNCTION rivalry_long_transfn(rivalry, timestamptz, text, float8, text, text) IS 'transition function of rivalry_agg(time, label, value, a_label, b_label)';
COMMENT ON FUNCTION rivalry_long_transfn(rivalry, timestamp, text, float8, text, text) IS 'transition function of rivalry_agg(time, label, value, a_label, b_label)';
COMMENT ON FUNCTION rivalry_long_transfn(rivalry, date, text, float8, text, text) IS 'transition function of rivalry_agg(time, label, value, a_label, b_label)';
COMMENT ON FUNCTION rivalry_long_transfn(rivalry, float8, text, float8, text, text) IS 'transition function of rivalry_agg(time, label, value, a_label, b_label)';

CREATE AGGREGATE rivalry_agg("time" timestamptz, label text, value float8, a_label text, b_label text) (
	SFUNC = rivalry_long_transfn, STYPE = rivalry,
	FINALFUNC = rivalry_final, COMBINEFUNC = rivalry_combine, PARALLEL = SAFE);
CREATE AGGREGATE rivalry_agg("time" timestamp, label text, value float8, a_label text, b_label text) (
	SFUNC = rivalry_long_transfn, STYPE = rivalry,
	FINALFUNC = rivalry_final, COMBINEFUNC = rivalry_combine, PARALLEL = SAFE);
CREATE AGGREGATE rivalry_agg("time" date, label text, value float8, a_label text, b_label text) (
	SFUNC = rivalry_long_transfn, STYPE = rivalry,
	FINALFUNC = rivalry_final, COMBINEFUNC = rivalry_combine, PARALLEL = SAFE);
CREATE AGGREGATE rivalry_agg("time" float8, label text, value float8, a_label text, b_label text) (
	SFUNC = rivalry_long_transfn, STYPE = rivalry,
	FINALFUNC = rivalry_final, COMBINEFUNC = rivalry_combine, PARALLEL = SAFE);

COMMENT ON AGGREGATE rivalry_agg(timestamptz, text, float8, text, text) IS 'summary of a_label against b_label from long rows (time, label, value); other labels are ignored';
COMMENT ON AGGREGATE rivalry_agg(timestamp, text, float8, text, text) IS 'summary of a_label against b_label from long rows (time, label, value); time read as UTC';
COMMENT ON AGGREGATE rivalry_agg(date, text, float8, text, text) IS 'summary of a_label against b_label from long rows (time, label, value); dates at midnight UTC';
COMMENT ON AGGREGATE rivalry_agg(float8, text, float8, text, text) IS 'summary of a_label against b_label from long rows (time, label, value); numeric time';

-- trend_agg(time, value)

CREATE FUNCTION trend_transfn(trend, timestamptz, float8) RETURNS trend
	AS 'MODULE_PATHNAME', 'trend_transfn' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION trend_transfn(trend, timestamp, float8) RETURNS trend
	AS 'MODULE_PATHNAME', 'trend_transfn' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION trend_transfn(trend, date, float8) RETURNS trend
	AS 'MODULE_PATHNAME', 'trend_transfn' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION trend_transfn(trend, float8, float8) RETURNS trend
	AS 'MODULE_PATHNAME', 'trend_transfn' LANGUAGE C IMMUTABLE PARALLEL SAFE;

COMMENT ON FUNCTION trend_transfn(trend, timestamptz, float8) IS 'transition function of trend_agg(time, value)';
COMMENT ON FUNCTION trend_transfn(trend, timestamp, float8) IS 'transition function of trend_agg(time, value)';
COMMENT ON FUNCTION trend_transfn(trend, date, float8) IS 'transition function of trend_agg(time, value)';
COMMENT ON FUNCTION trend_transfn(trend, float8, float8) IS 'transition function of trend_agg(time, value)';

CREATE AGGREGATE trend_agg("time" timestamptz, value float8) (
	SFUNC = trend_transfn, STYPE = trend,
	FINALFUNC = trend_final, COMBINEFUNC = trend_combine, PARALLEL = SAFE);
CREATE AGGREGATE trend_agg("time" timestamp, value float8) (
	SFUNC = trend_transfn, STYPE = trend,
	FINALFUNC = trend_final, COMBINEFUNC = trend_combine, PARALLEL = SAFE);
CREATE AGGREGATE trend_agg("time" date, value float8) (
	SFUNC = trend_transfn, STYPE = trend,
	FINALFUNC = trend_final, COMBINEFUNC = trend_combine, PARALLEL = SAFE);
CREATE AGGREGATE trend_agg("time" float8, value float8) (
	SFUNC = trend_transfn, STYPE = trend,
	FINALFUNC = trend_final, COMBINEFUNC = trend_combine, PARALLEL = SAFE);

COMMENT ON AGGREGATE trend_agg(timestamptz, float8) IS 'summary of one series from rows (time, value)';
COMMENT ON AGGREGATE trend_agg(timestamp, float8) IS 'summary of one series from rows (time, value); time read as UTC';
COMMENT ON AGGREGATE trend_agg(date, float8) IS 'summary of one series from rows (time, value); dates at midnight UTC';
COMMENT ON AGGREGATE trend_agg(float8, float8) IS 'summary of one series from rows (time, value); numeric time';

-- accessors of both summaries

CREATE FUNCTION periods(rivalry) RETURNS int4
	AS 'MODULE_PATHNAME', 'summary_periods' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION periods(trend) RETURNS int4
	AS 'MODULE_PATHNAME', 'summary_periods' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION first_period(rivalry) RETURNS timestamptz
	AS 'MODULE_PATHNAME', 'summary_first_period' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION first_period(trend) RETURNS timestamptz
	AS 'MODULE_PATHNAME', 'summary_first_period' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION last_period(rivalry) RETURNS timestamptz
	AS 'MODULE_PATHNAME', 'summary_last_period' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION last_period(trend) RETURNS timestamptz
	AS 'MODULE_PATHNAME', 'summary_last_period' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

COMMENT ON FUNCTION periods(rivalry) IS 'number of distinct periods observed';
COMMENT ON FUNCTION periods(trend) IS 'number of distinct periods observed';
COMMENT ON FUNCTION first_period(rivalry) IS 'first period observed (summaries over timestamps or dates)';
COMMENT ON FUNCTION first_period(trend) IS 'first period observed (summaries over timestamps or dates)';
COMMENT ON FUNCTION last_period(rivalry) IS 'last period observed (summaries over timestamps or dates)';
COMMENT ON FUNCTION last_period(trend) IS 'last period observed (summaries over timestamps or dates)';

-- accessors of rivalry

CREATE FUNCTION share(r rivalry) RETURNS float8
	AS 'MODULE_PATHNAME', 'rivalry_share' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION ratio(r rivalry) RETURNS float8
	AS 'MODULE_PATHNAME', 'rivalry_ratio' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION first_ratio(r rivalry) RETURNS float8
	AS 'MODULE_PATHNAME', 'rivalry_first_ratio' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION last_ratio(r rivalry) RETURNS float8
	AS 'MODULE_PATHNAME', 'rivalry_last_ratio' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION ratio_change(r rivalry) RETURNS float8
	AS 'MODULE_PATHNAME', 'rivalry_ratio_change' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION leader(r rivalry) RETURNS int4
	AS 'MODULE_PATHNAME', 'rivalry_leader' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

COMMENT ON FUNCTION share(rivalry) IS 'a''s share over all periods: sum(a) / (sum(a) + sum(b))';
COMMENT ON FUNCTION ratio(rivalry) IS 'sum(a) / sum(b) over all periods; NULL when sum(b) is zero';
COMMENT ON FUNCTION first_ratio(rivalry) IS 'a / b in the first period; NULL when b is zero';
COMMENT ON FUNCTION last_ratio(rivalry) IS 'a / b in the last period; NULL when b is zero';
COMMENT ON FUNCTION ratio_change(rivalry) IS 'last_ratio / first_ratio - 1';
COMMENT ON FUNCTION leader(rivalry) IS '1 when a leads the last period, 2 when b does, 0 when tied';

-- not STRICT: per defaults to NULL (see the top of this file)
CREATE FUNCTION ratio_trend(r rivalry, per interval DEFAULT NULL) RETURNS float8
	AS 'MODULE_PATHNAME', 'rivalry_ratio_trend' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION ratio_trend(rivalry, interval) IS
'fitted multiplicative change of the ratio a / b per "per" (NULL: a year, or one unit of numeric time), minus 1; log-linear fit';

CREATE FUNCTION parity_at(r rivalry, method text DEFAULT 'loglinear') RETURNS timestamptz
	AS 'MODULE_PATHNAME', 'rivalry_parity_at' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION parity_at(rivalry, text) IS
'instant at which the fitted ratio reaches 1 (past or future); NULL when the fit is flat or the instant lies beyond timestamptz (parity_point gives it)';

CREATE FUNCTION parity_point(r rivalry, method text DEFAULT 'loglinear') RETURNS float8
	AS 'MODULE_PATHNAME', 'rivalry_parity_point' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION parity_point(rivalry, text) IS
'parity_at as a number in the units of the time column (epoch seconds for timestamps and dates)';

-- not STRICT: unit defaults to NULL (see the top of this file)
CREATE FUNCTION parity_in(r rivalry, unit interval DEFAULT NULL, method text DEFAULT 'loglinear') RETURNS float8
	AS 'MODULE_PATHNAME', 'rivalry_parity_in' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION parity_in(rivalry, interval, text) IS
'how many units (NULL: months, or units of numeric time) from the last period to parity; negative when already past';

-- 0.5.0: an unbounded end is NULL, and bounded says whether both ends are there
CREATE FUNCTION parity_interval(r rivalry, level float8 DEFAULT 0.95, method text DEFAULT 'loglinear',
	OUT estimate timestamptz, OUT lower timestamptz, OUT upper timestamptz, OUT bounded bool)
	RETURNS record
	AS 'MODULE_PATHNAME', 'rivalry_parity_interval' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION parity_interval(rivalry, float8, text) IS
'parity instant with its Fieller confidence interval (t quantiles on the residual degrees of freedom); an unbounded end is NULL, and bounded is false; NULL under 3 periods';

CREATE FUNCTION fitted_share(r rivalry, "time" timestamptz, method text DEFAULT 'loglinear') RETURNS float8
	AS 'MODULE_PATHNAME', 'rivalry_fitted_share' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION fitted_share(rivalry, timestamptz, text) IS 'a''s share by the fitted model at time';

CREATE FUNCTION fitted_ratio(r rivalry, "time" timestamptz, method text DEFAULT 'loglinear') RETURNS float8
	AS 'MODULE_PATHNAME', 'rivalry_fitted_ratio' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION fitted_ratio(rivalry, timestamptz, text) IS 'the ratio a / b by the fitted model at time';

CREATE FUNCTION crossovers(r rivalry) RETURNS SETOF timestamptz
	AS 'MODULE_PATHNAME', 'rivalry_crossovers' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE ROWS 4;
COMMENT ON FUNCTION crossovers(rivalry) IS
'instants at which the observed lead changed hands, interpolated on the log-ratio between periods';

CREATE FUNCTION crossover_points(r rivalry) RETURNS SETOF float8
	AS 'MODULE_PATHNAME', 'rivalry_crossover_points' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE ROWS 4;
COMMENT ON FUNCTION crossover_points(rivalry) IS
'crossovers as numbers in the units of the time column (epoch seconds for timestamps and dates)';

CREATE FUNCTION fit(r rivalry, method text DEFAULT 'loglinear',
	OUT slope float8, OUT intercept float8, OUT r2 float8, OUT deviance float8,
	OUT dispersion float8, OUT df int4, OUT periods_used int4, OUT periods_skipped int4,
	OUT converged bool, OUT iterations int4, OUT status text)
	RETURNS record
	AS 'MODULE_PATHNAME', 'rivalry_fit_record' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION fit(rivalry, text) IS
'diagnostics of the fitted line: slope per second (per unit of numeric time), intercept at 1970-01-01 (at 0), r2, deviance, dispersion, residual df, periods used and skipped, whether and in how many iterations it converged, and its status: ok, or why there is no line';

-- 0.5.0: band
CREATE FUNCTION projection(r rivalry, until timestamptz, step interval DEFAULT '1 month',
	level float8 DEFAULT 0.95, method text DEFAULT 'loglinear', band text DEFAULT 'confidence')
	RETURNS TABLE ("time" timestamptz, observed_share float8, fitted_share float8,
				   lower float8, upper float8, fitted_ratio float8)
	AS 'MODULE_PATHNAME', 'rivalry_projection' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE ROWS 100;
COMMENT ON FUNCTION projection(rivalry, timestamptz, interval, float8, text, text) IS
'rows for a chart: every observed period and every step up to until, with observed share, fitted share and its band (confidence: of the fitted line; prediction: of one more period''s share), fitted ratio';

-- accessors of trend

CREATE FUNCTION first_value(tr trend) RETURNS float8
	AS 'MODULE_PATHNAME', 'trend_first_value' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION last_value(tr trend) RETURNS float8
	AS 'MODULE_PATHNAME', 'trend_last_value' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION change(tr trend) RETURNS float8
	AS 'MODULE_PATHNAME', 'trend_change' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION r2(tr trend) RETURNS float8
	AS 'MODULE_PATHNAME', 'trend_r2' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION value_at(tr trend, "time" timestamptz) RETURNS float8
	AS 'MODULE_PATHNAME', 'trend_value_at' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION reaches(tr trend, value float8) RETURNS timestamptz
	AS 'MODULE_PATHNAME', 'trend_reaches' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

COMMENT ON FUNCTION first_value(trend) IS 'value of the first period';
COMMENT ON FUNCTION last_value(trend) IS 'value of the last period';
COMMENT ON FUNCTION change(trend) IS 'last value / first value - 1';
COMMENT ON FUNCTION r2(trend) IS 'coefficient of determination of the least-squares line';
COMMENT ON FUNCTION value_at(trend, timestamptz) IS 'the least-squares line at time';
COMMENT ON FUNCTION reaches(trend, float8) IS 'instant at which the least-squares line reaches value; NULL when flat or beyond timestamptz';

-- not STRICT: per and unit default to NULL (see the top of this file)
CREATE FUNCTION slope(tr trend, per interval DEFAULT NULL) RETURNS float8
	AS 'MODULE_PATHNAME', 'trend_slope' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION growth_rate(tr trend, per interval DEFAULT NULL) RETURNS float8
	AS 'MODULE_PATHNAME', 'trend_growth_rate' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION doubling_time(tr trend, unit interval DEFAULT NULL) RETURNS float8
	AS 'MODULE_PATHNAME', 'trend_doubling_time' LANGUAGE C IMMUTABLE PARALLEL SAFE;

COMMENT ON FUNCTION slope(trend, interval) IS
'change of the least-squares line per "per" (NULL: a year, or one unit of numeric time)';
COMMENT ON FUNCTION growth_rate(trend, interval) IS
'fitted multiplicative change per "per" (NULL: a year, or one unit of numeric time), minus 1; log-linear fit';
COMMENT ON FUNCTION doubling_time(trend, interval) IS
'time for the log-linear fit to double, in units (NULL: years, or units of numeric time); NULL when not growing';

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
	COMMUTATOR = =, NEGATOR = <>, RESTRICT = eqsel, JOIN = eqjoinsel, HASHES);
CREATE OPERATOR <> (LEFTARG = rivalry, RIGHTARG = rivalry, FUNCTION = rivalry_ne,
	COMMUTATOR = <>, NEGATOR = =, RESTRICT = neqsel, JOIN = neqjoinsel);
CREATE OPERATOR = (LEFTARG = trend, RIGHTARG = trend, FUNCTION = trend_eq,
	COMMUTATOR = =, NEGATOR = <>, RESTRICT = eqsel, JOIN = eqjoinsel, HASHES);
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

-- 0.4.0: markets of many contenders, and chart rows for trends.

CREATE TYPE market;

CREATE FUNCTION market_in(cstring) RETURNS market
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION market_out(market) RETURNS cstring
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION market_recv(internal) RETURNS market
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION market_send(market) RETURNS bytea
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

CREATE TYPE market (
	INPUT = market_in,
	OUTPUT = market_out,
	RECEIVE = market_recv,
	SEND = market_send,
	INTERNALLENGTH = VARIABLE,
	ALIGNMENT = double,
	STORAGE = extended
);

COMMENT ON TYPE market IS
'summary of any number of contenders over time: per period, the summed value and row count of each label';
COMMENT ON FUNCTION market_in(cstring) IS 'text input of market (JSON)';
COMMENT ON FUNCTION market_out(market) IS 'text output of market (JSON)';
COMMENT ON FUNCTION market_recv(internal) IS 'binary input of market';
COMMENT ON FUNCTION market_send(market) IS 'binary output of market';

CREATE FUNCTION market_combine(market, market) RETURNS market
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION market_final(market) RETURNS market
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION market_combine(market, market) IS 'combine function of market_agg: merges two markets, uniting labels and summing equal periods';
COMMENT ON FUNCTION market_final(market) IS 'final function of market_agg: the canonical form, labels sorted';

-- transition functions are not STRICT: they skip NULL rows themselves
CREATE FUNCTION market_transfn(market, timestamptz, text, float8) RETURNS market
	AS 'MODULE_PATHNAME', 'market_transfn' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION market_transfn(market, timestamp, text, float8) RETURNS market
	AS 'MODULE_PATHNAME', 'market_transfn' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION market_transfn(market, date, text, float8) RETURNS market
	AS 'MODULE_PATHNAME', 'market_transfn' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION market_transfn(market, float8, text, float8) RETURNS market
	AS 'MODULE_PATHNAME', 'market_transfn' LANGUAGE C IMMUTABLE PARALLEL SAFE;

COMMENT ON FUNCTION market_transfn(market, timestamptz, text, float8) IS 'transition function of market_agg(time, label, value)';
COMMENT ON FUNCTION market_transfn(market, timestamp, text, float8) IS 'transition function of market_agg(time, label, value)';
COMMENT ON FUNCTION market_transfn(market, date, text, float8) IS 'transition function of market_agg(time, label, value)';
COMMENT ON FUNCTION market_transfn(market, float8, text, float8) IS 'transition function of market_agg(time, label, value)';

CREATE AGGREGATE market_agg("time" timestamptz, label text, value float8) (
	SFUNC = market_transfn, STYPE = market,
	FINALFUNC = market_final, COMBINEFUNC = market_combine, PARALLEL = SAFE);
CREATE AGGREGATE market_agg("time" timestamp, label text, value float8) (
	SFUNC = market_transfn, STYPE = market,
	FINALFUNC = market_final, COMBINEFUNC = market_combine, PARALLEL = SAFE);
CREATE AGGREGATE market_agg("time" date, label text, value float8) (
	SFUNC = market_transfn, STYPE = market,
	FINALFUNC = market_final, COMBINEFUNC = market_combine, PARALLEL = SAFE);
CREATE AGGREGATE market_agg("time" float8, label text, value float8) (
	SFUNC = market_transfn, STYPE = market,
	FINALFUNC = market_final, COMBINEFUNC = market_combine, PARALLEL = SAFE);

COMMENT ON AGGREGATE market_agg(timestamptz, text, float8) IS 'summary of a market from long rows (time, label, value)';
COMMENT ON AGGREGATE market_agg(timestamp, text, float8) IS 'summary of a market from long rows (time, label, value); time read as UTC';
COMMENT ON AGGREGATE market_agg(date, text, float8) IS 'summary of a market from long rows (time, label, value); dates at midnight UTC';
COMMENT ON AGGREGATE market_agg(float8, text, float8) IS 'summary of a market from long rows (time, label, value); numeric time';

CREATE AGGREGATE rollup(market) (
	SFUNC = market_combine, STYPE = market,
	FINALFUNC = market_final, COMBINEFUNC = market_combine, PARALLEL = SAFE);
COMMENT ON AGGREGATE rollup(market) IS 'merges markets (labels united, periods in several summed)';

CREATE FUNCTION market_eq(market, market) RETURNS bool
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION market_ne(market, market) RETURNS bool
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION market_eq(market, market) IS 'equality of markets: the same labels, periods, sums and row counts';
COMMENT ON FUNCTION market_ne(market, market) IS 'inequality of markets';
CREATE OPERATOR = (LEFTARG = market, RIGHTARG = market, FUNCTION = market_eq,
	COMMUTATOR = =, NEGATOR = <>, RESTRICT = eqsel, JOIN = eqjoinsel, HASHES);
CREATE OPERATOR <> (LEFTARG = market, RIGHTARG = market, FUNCTION = market_ne,
	COMMUTATOR = <>, NEGATOR = =, RESTRICT = neqsel, JOIN = neqjoinsel);
COMMENT ON OPERATOR = (market, market) IS 'equal markets';
COMMENT ON OPERATOR <> (market, market) IS 'different markets';

-- accessors

CREATE FUNCTION periods(market) RETURNS int4
	AS 'MODULE_PATHNAME', 'summary_periods' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION first_period(market) RETURNS timestamptz
	AS 'MODULE_PATHNAME', 'summary_first_period' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION last_period(market) RETURNS timestamptz
	AS 'MODULE_PATHNAME', 'summary_last_period' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION periods(market) IS 'number of distinct periods observed';
COMMENT ON FUNCTION first_period(market) IS 'first period observed (markets over timestamps or dates)';
COMMENT ON FUNCTION last_period(market) IS 'last period observed (markets over timestamps or dates)';

CREATE FUNCTION labels(m market) RETURNS text[]
	AS 'MODULE_PATHNAME', 'market_label_array' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION labels(market) IS 'the market''s labels, sorted';

CREATE FUNCTION shares(m market, OUT label text, OUT share float8, OUT overall_share float8, OUT rank int4)
	RETURNS SETOF record
	AS 'MODULE_PATHNAME', 'market_shares' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE ROWS 10;
COMMENT ON FUNCTION shares(market) IS
'per label: share of the last period, share over all periods, rank in the last period (1 the largest; ties share a rank)';

CREATE FUNCTION leader(m market) RETURNS text
	AS 'MODULE_PATHNAME', 'market_leader' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION leader(market) IS 'the label leading the last period; NULL on a tie';

CREATE FUNCTION hhi(m market) RETURNS float8
	AS 'MODULE_PATHNAME', 'market_hhi' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION hhi(market) IS 'Herfindahl-Hirschman index of the last period: the sum of squared shares, from 1/labels to 1 (times 10 000 for the antitrust scale)';

CREATE FUNCTION leader_changes(m market, OUT "time" timestamptz, OUT from_label text, OUT to_label text)
	RETURNS SETOF record
	AS 'MODULE_PATHNAME', 'market_leader_changes' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE ROWS 4;
COMMENT ON FUNCTION leader_changes(market) IS
'a row for every period whose leader differs from the last period that had one (a tie at the top is no leader)';

CREATE FUNCTION rivalry(m market, a_label text, b_label text) RETURNS rivalry
	AS 'MODULE_PATHNAME', 'market_rivalry' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION rivalry(market, text, text) IS
'the rivalry of two labels: equal to rivalry_agg(time, label, value, a_label, b_label) over the same rows';

-- projection(trend): rows for a chart, like projection(rivalry)

-- 0.5.0: band
CREATE FUNCTION projection(tr trend, until timestamptz, step interval DEFAULT '1 month',
	level float8 DEFAULT 0.95, band text DEFAULT 'confidence')
	RETURNS TABLE ("time" timestamptz, observed float8, fitted float8, lower float8, upper float8)
	AS 'MODULE_PATHNAME', 'trend_projection' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE ROWS 100;
COMMENT ON FUNCTION projection(trend, timestamptz, interval, float8, text) IS
'rows for a chart: every observed period and every step up to until, with the observed value, the least-squares line and its band (confidence: of the line; prediction: of one more period''s value)';


-- 0.5.0: the same answers wherever they are computed

CREATE FUNCTION market_rolling_inverse(market, market) RETURNS market
	AS 'MODULE_PATHNAME', 'market_rolling_inverse' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION market_rolling_inverse(market, market) IS 'inverse transition of rolling(market): removes a market from the frame';

CREATE AGGREGATE rolling(market) (
	SFUNC = market_combine, STYPE = market,
	FINALFUNC = market_final, COMBINEFUNC = market_combine, PARALLEL = SAFE,
	MSFUNC = market_combine, MINVFUNC = market_rolling_inverse, MSTYPE = market,
	MFINALFUNC = market_final);
COMMENT ON AGGREGATE rolling(market) IS 'rollup(market) for moving window frames: removes the markets that leave the frame';

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
