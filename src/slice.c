/*
 * slice.c
 *	  slice(summary, from, until): the periods of a summary in a time range,
 *	  so that any accessor can be asked of one regime.
 */
#include "postgres.h"

#include <math.h>

#include "utils/timestamp.h"

#include "adoption.h"
#include "sqltime.h"
#include "summary.h"

/*
 * The index of the first period whose key is at least key: a scan, no
 * dearer than the detoasting that brought the summary here whole.
 */
static int
first_at_or_after(const AdoptionPeriods *p, int64 key)
{
	int			i = 0;

	while (i < p->nperiods && adoption_key(p, i) < key)
		i++;
	return i;
}

/*
 * The index bound of argument argno: an instant or a point; NULL is
 * unbounded (the first period for from, past the last for until).
 */
static int
bound_index(FunctionCallInfo fcinfo, int argno, const AdoptionPeriods *p, bool point,
			const char *argname)
{
	int64		key;

	if (PG_ARGISNULL(argno))
		return argno == 1 ? 0 : p->nperiods;
	if (point)
	{
		double		v = PG_GETARG_FLOAT8(argno);

		if (isnan(v))
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("%s cannot be NaN", argname)));
		if (p->kind == ADOPTION_TIME_NUMBER)
		{
			if (isinf(v))
				return v < 0 ? 0 : p->nperiods;
			key = adoption_number_key(v);
		}
		else
		{
			/* epoch seconds to a key, microseconds since 2000 */
			double		us = rint((v - ADOPTION_EPOCH_OFFSET_SECONDS) * 1e6);

			if (!(us > (double) ADOPTION_MIN_TIMESTAMP_KEY))
				return 0;
			if (!(us < (double) ADOPTION_END_TIMESTAMP_KEY))
				return p->nperiods;
			key = (int64) us;
		}
	}
	else
	{
		TimestampTz t = PG_GETARG_TIMESTAMPTZ(argno);

		if (TIMESTAMP_IS_NOBEGIN(t))
			return 0;
		if (TIMESTAMP_IS_NOEND(t))
			return p->nperiods;
		key = t;
	}
	return first_at_or_after(p, key);
}

/*
 * slice(s, from, until), slice_point(s, from, until): the periods from
 * "from" (inclusive) to "until" (exclusive); NULL leaves a side unbounded.
 */
static Datum
slice(FunctionCallInfo fcinfo, const SummaryKind *kind, bool point)
{
	AdoptionPeriods *p;
	AdoptionPeriods *result;
	int			from;
	int			to;
	size_t		size;

	if (PG_ARGISNULL(0))
		PG_RETURN_NULL();
	p = SummaryArg(fcinfo, 0, kind);
	if (kind == NULL)
		kind = KindOfSeries(p);
	if (!point)
		CheckInstantKind(p, "slice()", "slice_point()");
	from = bound_index(fcinfo, 1, p, point, "from");
	/* until before from: an empty slice */
	to = Max(from, bound_index(fcinfo, 2, p, point, "until"));
	size = adoption_periods_slice_size(p, VARSIZE(p), kind->labelled, from, to);
	result = AllocSummary(size);
	adoption_periods_slice(p, VARSIZE(p), kind->labelled, from, to, result);
	SET_VARSIZE(result, size);
	if (kind->labelled)
		result = SummaryCanonical(kind, result);
	PG_RETURN_POINTER(result);
}

PG_FUNCTION_INFO_V1(summary_slice);
Datum
summary_slice(PG_FUNCTION_ARGS)
{
	return slice(fcinfo, NULL, false);
}

PG_FUNCTION_INFO_V1(summary_slice_point);
Datum
summary_slice_point(PG_FUNCTION_ARGS)
{
	return slice(fcinfo, NULL, true);
}

PG_FUNCTION_INFO_V1(market_slice);
Datum
market_slice(PG_FUNCTION_ARGS)
{
	return slice(fcinfo, &MarketKind, false);
}

PG_FUNCTION_INFO_V1(market_slice_point);
Datum
market_slice_point(PG_FUNCTION_ARGS)
{
	return slice(fcinfo, &MarketKind, true);
}
