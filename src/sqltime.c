/*
 * sqltime.c
 *	  SQL time values and the summaries' time axis.
 */
#include "postgres.h"

#include <math.h>

#include "access/htup_details.h"
#include "catalog/pg_proc.h"
#include "catalog/pg_type_d.h"
#include "utils/builtins.h"
#include "utils/date.h"
#include "utils/float.h"
#include "utils/lsyscache.h"
#include "utils/syscache.h"
#include "utils/timestamp.h"

#include "adoption.h"
#include "sqltime.h"

AdoptionTimeKind
TimeKindOfType(Oid typid)
{
	switch (getBaseType(typid))
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
	ereport(ERROR,
			(errcode(ERRCODE_DATATYPE_MISMATCH),
			 errmsg("time cannot be of type %s", format_type_be(typid)),
			 errhint("Time is timestamp with time zone, timestamp, date or double precision.")));
	pg_unreachable();
}

AdoptionTimeKind
TransitionTimeKind(FunctionCallInfo fcinfo, const char *function)
{
	FmgrInfo   *flinfo = fcinfo->flinfo;

	if (flinfo == NULL || !OidIsValid(flinfo->fn_oid))
		ereport(ERROR,
				(errcode(ERRCODE_FEATURE_NOT_SUPPORTED),
				 errmsg("%s must be called through a declared SQL function", function)));
	if (flinfo->fn_extra == NULL)
	{
		AdoptionTimeKind *kind = MemoryContextAlloc(flinfo->fn_mcxt, sizeof(AdoptionTimeKind));
		HeapTuple	tuple = SearchSysCache1(PROCOID, ObjectIdGetDatum(flinfo->fn_oid));
		Form_pg_proc proc;

		if (!HeapTupleIsValid(tuple))
			elog(ERROR, "cache lookup failed for function %u", flinfo->fn_oid);
		proc = (Form_pg_proc) GETSTRUCT(tuple);
		if (proc->pronargs < 2)
		{
			ReleaseSysCache(tuple);
			ereport(ERROR,
					(errcode(ERRCODE_DATATYPE_MISMATCH),
					 errmsg("%s needs a time as its second argument", function)));
		}
		*kind = TimeKindOfType(proc->proargtypes.values[1]);
		ReleaseSysCache(tuple);
		flinfo->fn_extra = kind;
	}
	return *(AdoptionTimeKind *) flinfo->fn_extra;
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
CheckInstantKind(const AdoptionPeriods *p, const char *function, const char *twin)
{
	if (p->kind == ADOPTION_TIME_NUMBER)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("%s needs a summary over timestamps or dates", function),
				 errdetail("This summary was built over numeric time."),
				 errhint("Use %s: it takes and returns numbers in the time column's units.",
						 twin)));
}

TimestampTz
SummaryInstant(const AdoptionPeriods *p, double x, bool clamp)
{
	int64		key;

	if (adoption_x_instant(adoption_key(p, 0), x, &key))
		return key;
	if (clamp && !isnan(x))
		return x < 0 ? DT_NOBEGIN : DT_NOEND;
	ereport(ERROR,
			(errcode(ERRCODE_DATETIME_VALUE_OUT_OF_RANGE),
			 errmsg("timestamp out of range"),
			 errdetail("The projected instant lies outside the range of timestamp with time zone.")));
	pg_unreachable();
}

double
InstantX(const AdoptionPeriods *p, TimestampTz t)
{
	return adoption_instant_x(adoption_key(p, 0), t);
}

double
XPoint(const AdoptionPeriods *p, double x)
{
	return adoption_x_point((AdoptionTimeKind) p->kind, adoption_key(p, 0), x);
}

double
PerInterval(const AdoptionPeriods *p, Interval *per, bool isnull, const char *function,
			const char *argname, const Interval *default_interval)
{
	double		seconds;

	if (p->kind == ADOPTION_TIME_NUMBER)
	{
		if (!isnull)
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("%s cannot be given for a summary over numeric time", argname),
					 errdetail("Numeric time has no calendar to measure an interval with."),
					 errhint("Write %s(%s) without %s: it counts in units of the time column (per year when the column holds years).",
							 function, p->nseries == 1 ? "tr" : "r", argname)));
		return 1.0;
	}
	if (isnull)
		per = (Interval *) default_interval;
	/* PostgreSQL's own count: extract(epoch FROM per) */
	seconds = DatumGetFloat8(DirectFunctionCall2(interval_part,
												 CStringGetTextDatum("epoch"),
												 IntervalPGetDatum(per)));
	if (!(seconds > 0.0))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("%s must be a positive interval", argname)));
	return seconds;
}

double
ArgumentX(FunctionCallInfo fcinfo, int argno, const AdoptionPeriods *p, bool point,
		  const char *argname)
{
	if (point)
	{
		double		v = PG_GETARG_FLOAT8(argno);

		CheckFinite(v, argname);
		return adoption_point_x((AdoptionTimeKind) p->kind, adoption_key(p, 0), v);
	}
	else
	{
		TimestampTz t = PG_GETARG_TIMESTAMPTZ(argno);

		if (TIMESTAMP_NOT_FINITE(t))
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("%s cannot be infinite", argname)));
		return InstantX(p, t);
	}
}

Datum
PeriodResult(const AdoptionPeriods *p, int i, bool point)
{
	int64		key = adoption_key(p, i);

	if (point)
		return Float8GetDatum(adoption_key_point((AdoptionTimeKind) p->kind, key));
	return TimestampTzGetDatum(key);
}

bool
XResult(const AdoptionPeriods *p, double x, bool point, Datum *value)
{
	int64		key;

	if (!isfinite(x))
		return false;
	if (point)
	{
		double		v = XPoint(p, x);

		*value = Float8GetDatum(v);
		return isfinite(v);
	}
	if (!adoption_x_instant(adoption_key(p, 0), x, &key))
		return false;
	*value = TimestampTzGetDatum(key);
	return true;
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

	/* last + k * step, in UTC: a multiple of step, so month ends do not drift */
	offset = DirectFunctionCall2(interval_mul, IntervalPGetDatum(step), Float8GetDatum((double) k));
	return DatumGetTimestamp(DirectFunctionCall2(timestamp_pl_interval,
												 TimestampGetDatum(last), offset));
}
