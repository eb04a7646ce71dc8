/*
 * summary.c
 *	  Type I/O of rivalry and trend, and what the summaries' functions share.
 */
#include "postgres.h"

#include <math.h>

#include "catalog/pg_type_d.h"
#include "lib/stringinfo.h"
#include "utils/builtins.h"
#include "utils/date.h"
#include "utils/timestamp.h"

#include "adoption.h"
#include "core/codec.h"
#include "summary.h"

/* seconds from 1970-01-01 to 2000-01-01: extract(epoch) counts from 1970 */
#define EPOCH_OFFSET_SECONDS 946684800.0

AdoptionTimeKind
TimeKindOfType(Oid typid)
{
	switch (typid)
	{
		case TIMESTAMPTZOID:
			return ADOPTION_TIME_TIMESTAMPTZ;
		case TIMESTAMPOID:
			return ADOPTION_TIME_TIMESTAMP;
		case DATEOID:
			return ADOPTION_TIME_DATE;
		case FLOAT8OID:
			return ADOPTION_TIME_NUMBER;
	}
	elog(ERROR, "unexpected type %u for a time argument", typid);
	pg_unreachable();
}

int64
TimeKey(Datum time, AdoptionTimeKind kind, const char *argname)
{
	switch (kind)
	{
		case ADOPTION_TIME_NUMBER:
			CheckFinite(DatumGetFloat8(time), argname);
			return adoption_number_key(DatumGetFloat8(time));
		case ADOPTION_TIME_TIMESTAMPTZ:
		case ADOPTION_TIME_TIMESTAMP:
			if (TIMESTAMP_NOT_FINITE(DatumGetTimestampTz(time)))
				ereport(ERROR,
						(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
						 errmsg("%s cannot be infinite", argname)));
			return DatumGetTimestampTz(time);
		case ADOPTION_TIME_DATE:
			{
				DateADT		d = DatumGetDateADT(time);

				if (DATE_NOT_FINITE(d))
					ereport(ERROR,
							(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
							 errmsg("%s cannot be infinite", argname)));
				if (d >= (TIMESTAMP_END_JULIAN - POSTGRES_EPOCH_JDATE))
					ereport(ERROR,
							(errcode(ERRCODE_DATETIME_VALUE_OUT_OF_RANGE),
							 errmsg("date out of range for timestamp"),
							 errdetail("%s is beyond the range of timestamp with time zone.",
									   argname)));
				return (int64) d * USECS_PER_DAY;
			}
	}
	elog(ERROR, "unexpected time kind %d", (int) kind);
	pg_unreachable();
}

void
CheckInstantKind(const AdoptionPeriods *p, const char *function, const char *numeric_hint)
{
	if (p->kind == ADOPTION_TIME_NUMBER)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("%s needs a summary over timestamps or dates", function),
				 errdetail("This summary was built over numeric time."),
				 numeric_hint ? errhint("%s", numeric_hint) : 0));
}

void
CheckProjectionArgs(TimestampTz until, const Interval *step)
{
	if (TIMESTAMP_NOT_FINITE(until))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("until cannot be infinite")));
	if (step->month < 0 || step->day < 0 || step->time < 0 ||
		(step->month == 0 && step->day == 0 && step->time == 0))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("step must be a positive interval"),
				 errdetail("Every part of step must be zero or positive, and one positive.")));
}

TimestampTz
ProjectionStep(TimestampTz last, Interval *step, int64 k)
{
	Datum		offset;

	if (k > adoption_max_periods)
		ereport(ERROR,
				(errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
				 errmsg("projection would have more than %d steps", adoption_max_periods),
				 errhint("Use a longer step or an earlier until, or raise adoption.max_periods.")));
	/* last + k * step, in UTC: a multiple of step, so month ends do not drift */
	offset = DirectFunctionCall2(interval_mul, IntervalPGetDatum(step), Float8GetDatum((double) k));
	return DatumGetTimestamp(DirectFunctionCall2(timestamp_pl_interval,
												 TimestampGetDatum(last), offset));
}

void
CheckSameKind(const AdoptionPeriods *a, const AdoptionPeriods *b)
{
	if (a->kind != b->kind)
		ereport(ERROR,
				(errcode(ERRCODE_DATATYPE_MISMATCH),
				 errmsg("cannot merge summaries over different kinds of time"),
				 errdetail("One is over %s, the other over %s.",
						   adoption_time_kind_name(a->kind),
						   adoption_time_kind_name(b->kind))));
}

AdoptionTimeKind
ArgumentTimeKind(FunctionCallInfo fcinfo)
{
	if (fcinfo->flinfo->fn_extra == NULL)
	{
		AdoptionTimeKind *kind = MemoryContextAlloc(fcinfo->flinfo->fn_mcxt,
													sizeof(AdoptionTimeKind));

		*kind = TimeKindOfType(get_fn_expr_argtype(fcinfo->flinfo, 1));
		fcinfo->flinfo->fn_extra = kind;
	}
	return *(AdoptionTimeKind *) fcinfo->flinfo->fn_extra;
}

void
CheckStateKind(const AdoptionPeriods *p, FunctionCallInfo fcinfo)
{
	AdoptionTimeKind kind = ArgumentTimeKind(fcinfo);

	if (p->kind != kind)
		ereport(ERROR,
				(errcode(ERRCODE_DATATYPE_MISMATCH),
				 errmsg("cannot merge summaries over different kinds of time"),
				 errdetail("The initial state is over %s, the rows over %s.",
						   adoption_time_kind_name(p->kind),
						   adoption_time_kind_name(kind))));
}

TimestampTz
KeyPlusSeconds(const AdoptionPeriods *p, double x, bool clamp)
{
	double		t = (double) adoption_key(p, 0) + rint(x * USECS_PER_SEC);

	if (!(t >= (double) MIN_TIMESTAMP && t < (double) END_TIMESTAMP))
	{
		if (clamp && !isnan(t))
			return t < 0 ? DT_NOBEGIN : DT_NOEND;
		ereport(ERROR,
				(errcode(ERRCODE_DATETIME_VALUE_OUT_OF_RANGE),
				 errmsg("timestamp out of range"),
				 errdetail("The projected instant lies outside the range of timestamp with time zone.")));
	}
	return (TimestampTz) t;
}

double
InstantX(const AdoptionPeriods *p, TimestampTz t)
{
	return ((double) t - (double) adoption_key(p, 0)) / USECS_PER_SEC;
}

double
XPoint(const AdoptionPeriods *p, double x)
{
	if (p->kind == ADOPTION_TIME_NUMBER)
		return adoption_key_number(adoption_key(p, 0)) + x;
	return (double) adoption_key(p, 0) / USECS_PER_SEC + EPOCH_OFFSET_SECONDS + x;
}

double
PerInterval(const AdoptionPeriods *p, Interval *per, bool isnull, const char *argname,
			const Interval *default_interval)
{
	double		seconds;

	if (p->kind == ADOPTION_TIME_NUMBER)
	{
		if (!isnull)
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("%s cannot be given for a summary over numeric time", argname),
					 errhint("Numeric time has no calendar: leave %s out to count in units of the time column.",
							 argname)));
		return 1.0;
	}
	if (isnull)
		per = (Interval *) default_interval;
	/* as extract(epoch FROM interval): years of 365.25 days, months of 30 */
	seconds = per->time / USECS_PER_SEC +
		(double) (DAYS_PER_YEAR * SECS_PER_DAY) * (per->month / MONTHS_PER_YEAR) +
		(double) (DAYS_PER_MONTH * SECS_PER_DAY) * (per->month % MONTHS_PER_YEAR) +
		(double) SECS_PER_DAY * per->day;
	if (!(seconds > 0.0))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("%s must be a positive interval", argname)));
	return seconds;
}

void
CheckPeriodCount(int64 nperiods)
{
	if (nperiods > adoption_max_periods)
		ereport(ERROR,
				(errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
				 errmsg("summary would have more than %d periods", adoption_max_periods),
				 errdetail("adoption.max_periods is %d.", adoption_max_periods),
				 errhint("Bucket the time column, e.g. date_trunc('month', t), or raise adoption.max_periods.")));
}

AdoptionPeriods *
Canonical(AdoptionPeriods *p)
{
	AdoptionPeriods *copy;

	if (p->nsorted == p->nperiods && p->capacity == p->nperiods && p->scale_for == 0)
		return p;
	copy = palloc(adoption_periods_size(p->nseries, p->nperiods));

	adoption_periods_copy(copy, p, p->nperiods);
	adoption_periods_compact(copy);
	copy->capacity = copy->nperiods;
	SET_VARSIZE(copy, adoption_periods_size(copy->nseries, copy->nperiods));
	return copy;
}

double *
FitWorkspace(const AdoptionPeriods *p)
{
	return palloc(sizeof(double) * 6 * Max(p->nperiods, 1));
}

void
ReportInvalidSummary(int sqlstate, const char *typname, const char *str, const char *problem)
{
	if (str != NULL)
		ereport(ERROR,
				(errcode(sqlstate),
				 errmsg("invalid input syntax for type %s: \"%s\"", typname, str),
				 errdetail("%c%s.", pg_toupper((unsigned char) problem[0]), problem + 1)));
	ereport(ERROR,
			(errcode(sqlstate),
			 errmsg("invalid external %s value", typname),
			 errdetail("%c%s.", pg_toupper((unsigned char) problem[0]), problem + 1)));
}

/*
 * Text input: the JSON form, strictly.  Syntax errors are 22P02; a value
 * that parses but is not a valid summary (order, ranges, counts) is 22P02
 * too, with a detail saying which rule it breaks.
 */
static AdoptionPeriods *
summary_in(const char *str, int nseries, const char *typname)
{
	int			capacity = adoption_json_max_periods(str);
	AdoptionPeriods *p;
	const char *problem;
	AdoptionCheck check;

	CheckPeriodCount(Max(capacity - 1, 0));
	p = palloc(adoption_periods_size(nseries, capacity));
	problem = adoption_json_read(str, nseries, p, capacity);
	if (problem != NULL)
		ReportInvalidSummary(ERRCODE_INVALID_TEXT_REPRESENTATION, typname, str, problem);
	check = adoption_periods_check(p, nseries);
	if (check != ADOPTION_CHECK_OK)
		ReportInvalidSummary(ERRCODE_INVALID_TEXT_REPRESENTATION, typname, str,
							 adoption_check_message(check));
	SET_VARSIZE(p, adoption_periods_size(nseries, p->nperiods));
	return p;
}

static char *
summary_out(AdoptionPeriods *p)
{
	AdoptionPeriods *c = Canonical(p);
	char	   *buf = palloc(adoption_json_size(c));

	adoption_json_write(c, buf);
	return buf;
}

/* Binary output: the core's binary form of the canonical summary. */
static bytea *
summary_send(AdoptionPeriods *p)
{
	AdoptionPeriods *c = Canonical(p);
	size_t		len = adoption_binary_size(c);
	bytea	   *result = palloc(VARHDRSZ + len);

	adoption_binary_write(c, (unsigned char *) VARDATA(result));
	SET_VARSIZE(result, VARHDRSZ + len);
	return result;
}

/*
 * Binary input: all of the message's remaining bytes, checked by the core
 * field by field (22P03).  The count is checked against the length before
 * anything is allocated.
 */
static AdoptionPeriods *
summary_recv(StringInfo buf, int nseries, const char *typname)
{
	const unsigned char *bytes = (const unsigned char *) buf->data + buf->cursor;
	size_t		len = buf->len - buf->cursor;
	int			capacity = adoption_binary_max_periods(len, nseries);
	AdoptionPeriods *p;
	const char *problem;
	AdoptionCheck check;

	CheckPeriodCount(capacity);
	p = palloc(adoption_periods_size(nseries, capacity));
	problem = adoption_binary_read(bytes, len, nseries, p, capacity);
	if (problem != NULL)
		ReportInvalidSummary(ERRCODE_INVALID_BINARY_REPRESENTATION, typname, NULL, problem);
	check = adoption_periods_check(p, nseries);
	if (check != ADOPTION_CHECK_OK)
		ReportInvalidSummary(ERRCODE_INVALID_BINARY_REPRESENTATION, typname, NULL,
							 adoption_check_message(check));
	buf->cursor = buf->len;
	SET_VARSIZE(p, adoption_periods_size(nseries, p->nperiods));
	return p;
}

PG_FUNCTION_INFO_V1(rivalry_in);
Datum
rivalry_in(PG_FUNCTION_ARGS)
{
	PG_RETURN_POINTER(summary_in(PG_GETARG_CSTRING(0), RIVALRY_SERIES, "rivalry"));
}

PG_FUNCTION_INFO_V1(rivalry_out);
Datum
rivalry_out(PG_FUNCTION_ARGS)
{
	PG_RETURN_CSTRING(summary_out(PG_GETARG_PERIODS(0)));
}

PG_FUNCTION_INFO_V1(rivalry_recv);
Datum
rivalry_recv(PG_FUNCTION_ARGS)
{
	PG_RETURN_POINTER(summary_recv((StringInfo) PG_GETARG_POINTER(0), RIVALRY_SERIES, "rivalry"));
}

PG_FUNCTION_INFO_V1(rivalry_send);
Datum
rivalry_send(PG_FUNCTION_ARGS)
{
	PG_RETURN_BYTEA_P(summary_send(PG_GETARG_PERIODS(0)));
}

PG_FUNCTION_INFO_V1(trend_in);
Datum
trend_in(PG_FUNCTION_ARGS)
{
	PG_RETURN_POINTER(summary_in(PG_GETARG_CSTRING(0), TREND_SERIES, "trend"));
}

PG_FUNCTION_INFO_V1(trend_out);
Datum
trend_out(PG_FUNCTION_ARGS)
{
	PG_RETURN_CSTRING(summary_out(PG_GETARG_PERIODS(0)));
}

PG_FUNCTION_INFO_V1(trend_recv);
Datum
trend_recv(PG_FUNCTION_ARGS)
{
	PG_RETURN_POINTER(summary_recv((StringInfo) PG_GETARG_POINTER(0), TREND_SERIES, "trend"));
}

PG_FUNCTION_INFO_V1(trend_send);
Datum
trend_send(PG_FUNCTION_ARGS)
{
	PG_RETURN_BYTEA_P(summary_send(PG_GETARG_PERIODS(0)));
}

/* periods(summary): how many distinct periods were observed. */
PG_FUNCTION_INFO_V1(summary_periods);
Datum
summary_periods(PG_FUNCTION_ARGS)
{
	AdoptionPeriods *p = Canonical(PG_GETARG_PERIODS(0));

	PG_RETURN_INT32(p->nperiods);
}

/* first_period(summary), last_period(summary) */
PG_FUNCTION_INFO_V1(summary_first_period);
Datum
summary_first_period(PG_FUNCTION_ARGS)
{
	AdoptionPeriods *p = Canonical(PG_GETARG_PERIODS(0));

	CheckInstantKind(p, "first_period()", NULL);
	if (p->nperiods == 0)
		PG_RETURN_NULL();
	PG_RETURN_TIMESTAMPTZ(adoption_key(p, 0));
}

PG_FUNCTION_INFO_V1(summary_last_period);
Datum
summary_last_period(PG_FUNCTION_ARGS)
{
	AdoptionPeriods *p = Canonical(PG_GETARG_PERIODS(0));

	CheckInstantKind(p, "last_period()", NULL);
	if (p->nperiods == 0)
		PG_RETURN_NULL();
	PG_RETURN_TIMESTAMPTZ(adoption_key(p, p->nperiods - 1));
}
