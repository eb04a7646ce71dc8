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
	COMMUTATOR = =, NEGATOR = <>, RESTRICT = eqsel, JOIN = eqjoinsel);
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

CREATE FUNCTION projection(tr trend, until timestamptz, step interval DEFAULT '1 month',
	level float8 DEFAULT 0.95)
	RETURNS TABLE ("time" timestamptz, observed float8, fitted float8, lower float8, upper float8)
	AS 'MODULE_PATHNAME', 'trend_projection' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE ROWS 100;
COMMENT ON FUNCTION projection(trend, timestamptz, interval, float8) IS
'rows for a chart: every observed period and every step up to until, with the observed value, the least-squares line and its confidence interval';
