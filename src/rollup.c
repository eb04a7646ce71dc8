/*
 * rollup.c
 *	  Summaries of summaries: equality, rollup(), rolling() and rebucket().
 */
#include "postgres.h"

#include <math.h>

#include "utils/builtins.h"
#include "utils/timestamp.h"

#include "adoption.h"
#include "core/codec.h"
#include "summary.h"

/* 2^53: below it, sums and differences of integers are exact in a double */
#define EXACT_INTEGER_LIMIT 9007199254740992.0

/*
 * summary = summary: equal canonical forms, byte for byte (the canonical
 * form has no padding, no slack and no negative zero, so bytes are values).
 */
static bool
summaries_equal(AdoptionPeriods *a, AdoptionPeriods *b)
{
	a = Canonical(a);
	b = Canonical(b);
	return VARSIZE(a) == VARSIZE(b) && memcmp(a, b, VARSIZE(a)) == 0;
}

PG_FUNCTION_INFO_V1(summary_eq);
Datum
summary_eq(PG_FUNCTION_ARGS)
{
	PG_RETURN_BOOL(summaries_equal(PG_GETARG_PERIODS(0), PG_GETARG_PERIODS(1)));
}

PG_FUNCTION_INFO_V1(summary_ne);
Datum
summary_ne(PG_FUNCTION_ARGS)
{
	PG_RETURN_BOOL(!summaries_equal(PG_GETARG_PERIODS(0), PG_GETARG_PERIODS(1)));
}

/*
 * Inverse transition of rolling(): remove a summary that an earlier row
 * added.  Row counts say which periods go; a sum is only subtracted where the
 * result is exact (integers below 2^53), and otherwise the answer is NULL,
 * which tells PostgreSQL to recompute the frame from its rows.
 */
static bool
exactly_subtractable(const AdoptionPeriods *state, const AdoptionPeriods *gone)
{
	int			i = 0;
	int			j;
	int			s;

	for (j = 0; j < gone->nperiods; j++)
	{
		while (i < state->nperiods && adoption_key(state, i) < adoption_key(gone, j))
			i++;
		if (i >= state->nperiods || adoption_key(state, i) != adoption_key(gone, j))
			return false;
		for (s = 0; s < state->nseries; s++)
		{
			double		have = adoption_sum(state, i, s);
			double		take = adoption_sum(gone, j, s);

			if (have != floor(have) || take != floor(take) || have >= EXACT_INTEGER_LIMIT)
				return false;
		}
	}
	return true;
}

PG_FUNCTION_INFO_V1(summary_rolling_inverse);
Datum
summary_rolling_inverse(PG_FUNCTION_ARGS)
{
	AdoptionPeriods *state;
	AdoptionPeriods *gone;
	AdoptionPeriods *result;

	if (!AggCheckCallContext(fcinfo, NULL))
		elog(ERROR, "summary_rolling_inverse called in non-aggregate context");
	state = Canonical(PG_GETARG_PERIODS(0));
	gone = Canonical(PG_GETARG_PERIODS(1));
	if (state->kind != gone->kind || !exactly_subtractable(state, gone))
		PG_RETURN_NULL();
	result = palloc(VARSIZE(state));
	memcpy(result, state, VARSIZE(state));
	if (!adoption_periods_subtract(result, gone))
		PG_RETURN_NULL();
	result->capacity = result->nperiods;
	SET_VARSIZE(result, adoption_periods_size(result->nseries, result->nperiods));
	PG_RETURN_POINTER(result);
}

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

/*
 * rebucket(summary, width): the same observations in wider periods, each
 * period moved to date_trunc(field, period) in UTC and equal periods summed.
 */
PG_FUNCTION_INFO_V1(summary_rebucket);
Datum
summary_rebucket(PG_FUNCTION_ARGS)
{
	AdoptionPeriods *p = Canonical(PG_GETARG_PERIODS(0));
	Interval   *width = PG_GETARG_INTERVAL_P(1);
	text	   *field;
	AdoptionPeriods *result;
	int			i;

	CheckInstantKind(p, "rebucket()", "Bucket numeric time before aggregating, e.g. floor(year / 10) * 10.");
	field = cstring_to_text(bucket_field(width));
	result = palloc(VARSIZE(p));
	adoption_periods_init(result, (AdoptionTimeKind) p->kind, p->nseries, p->nperiods);
	for (i = 0; i < p->nperiods; i++)
	{
		const AdoptionSlot *e = adoption_entry(p, i);
		Timestamp	bucket = DatumGetTimestamp(DirectFunctionCall2(timestamp_trunc,
																   PointerGetDatum(field),
																   TimestampGetDatum(adoption_key(p, i))));
		double		values[RIVALRY_SERIES];
		int64		rows[RIVALRY_SERIES];
		int			s;

		for (s = 0; s < p->nseries; s++)
		{
			values[s] = e[1 + s].d;
			rows[s] = e[1 + p->nseries + s].i;
		}
		/* buckets only merge periods: there is always room */
		if (!adoption_periods_add(result, bucket, values, rows))
			elog(ERROR, "could not add a period while rebucketing");
	}
	adoption_periods_compact(result);
	result->capacity = result->nperiods;
	SET_VARSIZE(result, adoption_periods_size(result->nseries, result->nperiods));
	PG_RETURN_POINTER(result);
}
