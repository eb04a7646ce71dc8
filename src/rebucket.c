/*
 * rebucket.c
 *	  rebucket(): a summary in wider periods.
 */
#include "postgres.h"

#include "utils/builtins.h"
#include "utils/timestamp.h"

#include "adoption.h"
#include "sqltime.h"
#include "summary.h"

/*
 * The date_trunc() field that an interval names: exactly one hour, day,
 * week, month, quarter, year, decade, century or millennium.
 */
static const char *
bucket_field(const Interval *width)
{
	if (width->month == 0 && width->day == 0 && width->time == USECS_PER_HOUR)
		return "hour";
	if (width->month == 0 && width->day == 1 && width->time == 0)
		return "day";
	if (width->month == 0 && width->day == 7 && width->time == 0)
		return "week";
	if (width->day == 0 && width->time == 0)
	{
		switch (width->month)
		{
			case 1:
				return "month";
			case 3:
				return "quarter";
			case MONTHS_PER_YEAR:
				return "year";
			case 10 * MONTHS_PER_YEAR:
				return "decade";
			case 100 * MONTHS_PER_YEAR:
				return "century";
			case 1000 * MONTHS_PER_YEAR:
				return "millennium";
		}
	}
	ereport(ERROR,
			(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
			 errmsg("width must be one hour, day, week, month, quarter, year, decade, century or millennium"),
			 errhint("Periods are bucketed as date_trunc() truncates: '1 month', '3 months', '1 year', ...")));
	pg_unreachable();
}

/* A period's bucket: date_trunc(field, period) in UTC. */
static int64
bucket_of(int64 key, void *arg)
{
	return DatumGetTimestamp(DirectFunctionCall2(timestamp_trunc, PointerGetDatum(arg),
												 TimestampGetDatum(key)));
}

/*
 * rebucket(summary, width): the same observations in wider periods, each
 * period moved to date_trunc(field, period) in UTC and equal periods summed.
 */
PG_FUNCTION_INFO_V1(summary_rebucket);
Datum
summary_rebucket(PG_FUNCTION_ARGS)
{
	AdoptionPeriods *p = PG_GETARG_SUMMARY(0);
	Interval   *width = PG_GETARG_INTERVAL_P(1);
	const char *field;

	if (p->kind == ADOPTION_TIME_NUMBER)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("rebucket() needs a summary over timestamps or dates"),
				 errdetail("This summary was built over numeric time."),
				 errhint("Bucket numeric time before aggregating, e.g. floor(year / 10) * 10.")));
	field = bucket_field(width);
	PG_RETURN_POINTER(SummaryRekeyed(KindOfSeries(p), p, bucket_of, cstring_to_text(field)));
}
