/*
 * two_point.c
 *	  Two observations of a ratio: ratio_change() and parity_at().
 */
#include "postgres.h"

#include <math.h>

#include "datatype/timestamp.h"
#include "fmgr.h"
#include "utils/date.h"
#include "utils/float.h"
#include "utils/timestamp.h"

#include "adoption.h"
#include "sqltime.h"

/* ratio_change(before, after): after / before - 1. */
PG_FUNCTION_INFO_V1(ratio_change_float8);
Datum
ratio_change_float8(PG_FUNCTION_ARGS)
{
	double		before = PG_GETARG_FLOAT8(0);
	double		after = PG_GETARG_FLOAT8(1);
	double		result;

	CheckObservation(before, "before");
	CheckObservation(after, "after");
	if (before == 0.0)
		ereport(ERROR,
				(errcode(ERRCODE_DIVISION_BY_ZERO),
				 errmsg("division by zero"),
				 errdetail("before is zero, so the relative change is undefined.")));
	result = after / before;
	if (isinf(result))
		float_overflow_error();
	PG_RETURN_FLOAT8(result - 1.0);
}

/*
 * The ratios are read first: when they are equal the ratio does not move,
 * and the answer is NULL even at t1 = t2 (a group with one period in a
 * GROUP BY over min(t) and max(t)).
 *
 * Check the ratios of a two-point projection and return the fraction of the
 * way from the first observation to the second at which the ratio reaches 1;
 * false when it never does.
 */
static bool
two_point_fraction(double ratio1, double ratio2, text *method_name, double *f)
{
	AdoptionMethod method = ParseMethod(method_name);

	if (adoption_method_is_logit(method))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("method \"%s\" needs counts, not two ratios", adoption_method_name(method)),
				 errhint("Use method \"loglinear\" or \"linear\" here, or rivalry_agg() over the counts.")));
	CheckObservation(ratio1, "ratio1");
	CheckObservation(ratio2, "ratio2");
	if (method == ADOPTION_LOGLINEAR && (ratio1 == 0.0 || ratio2 == 0.0))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("%s must be greater than zero for method \"loglinear\"",
						ratio1 == 0.0 ? "ratio1" : "ratio2"),
				 errhint("A zero ratio has no logarithm; use method \"linear\".")));
	return adoption_parity_two_point(ratio1, ratio2, method, f);
}

static void
CheckDistinctTimes(bool equal)
{
	if (equal)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("t1 and t2 cannot be equal"),
				 errdetail("Two different ratios observed at the same time give no trend."),
				 errhint("With equal ratios too, the ratio does not move and the result is NULL.")));
}

/* parity_at(t1, ratio1, t2, ratio2, method) for numeric time. */
PG_FUNCTION_INFO_V1(parity_at_float8);
Datum
parity_at_float8(PG_FUNCTION_ARGS)
{
	double		t1 = PG_GETARG_FLOAT8(0);
	double		t2 = PG_GETARG_FLOAT8(2);
	double		f;
	double		result;

	CheckFinite(t1, "t1");
	CheckFinite(t2, "t2");
	if (!two_point_fraction(PG_GETARG_FLOAT8(1), PG_GETARG_FLOAT8(3),
							PG_GETARG_TEXT_PP(4), &f))
		PG_RETURN_NULL();
	CheckDistinctTimes(t1 == t2);
	result = t1 + f * (t2 - t1);
	if (isinf(result))
		float_overflow_error();
	PG_RETURN_FLOAT8(result);
}

/*
 * The instant a fraction f of the way from t1 to t2, in microseconds since
 * 2000-01-01 UTC; false when it falls outside the range of timestamptz.
 */
static bool
instant_at_fraction(TimestampTz t1, TimestampTz t2, double f, TimestampTz *t)
{
	double		offset = rint(f * ((double) t2 - (double) t1));
	double		result = (double) t1 + offset;

	/* compare as doubles first: the cast to int64 must not overflow */
	if (!(result >= (double) MIN_TIMESTAMP && result < (double) END_TIMESTAMP))
		return false;
	*t = (TimestampTz) result;
	return true;
}

static void
CheckFiniteTimestamp(TimestampTz t, const char *argname)
{
	if (TIMESTAMP_NOT_FINITE(t))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("%s cannot be infinite", argname)));
}

/* The rest of parity_at() once both times are finite instants. */
static Datum
parity_at_instants(FunctionCallInfo fcinfo, TimestampTz t1, TimestampTz t2)
{
	double		f;
	TimestampTz t;

	if (!two_point_fraction(PG_GETARG_FLOAT8(1), PG_GETARG_FLOAT8(3),
							PG_GETARG_TEXT_PP(4), &f))
		PG_RETURN_NULL();
	CheckDistinctTimes(t1 == t2);
	/* beyond timestamptz, as parity_at(rivalry) */
	if (!instant_at_fraction(t1, t2, f, &t))
		PG_RETURN_NULL();
	PG_RETURN_TIMESTAMPTZ(t);
}

/*
 * parity_at(t1, ratio1, t2, ratio2, method) for timestamptz, and for
 * timestamp read as UTC (the two share one representation).
 */
PG_FUNCTION_INFO_V1(parity_at_timestamptz);
Datum
parity_at_timestamptz(PG_FUNCTION_ARGS)
{
	TimestampTz t1 = PG_GETARG_TIMESTAMPTZ(0);
	TimestampTz t2 = PG_GETARG_TIMESTAMPTZ(2);

	CheckFiniteTimestamp(t1, "t1");
	CheckFiniteTimestamp(t2, "t2");
	return parity_at_instants(fcinfo, t1, t2);
}

/* parity_at(t1, ratio1, t2, ratio2, method) for date, read as UTC midnight. */
PG_FUNCTION_INFO_V1(parity_at_date);
Datum
parity_at_date(PG_FUNCTION_ARGS)
{
	/* in two statements: t1 is checked first */
	TimestampTz t1 = TimeKey(PG_GETARG_DATUM(0), ADOPTION_TIME_DATE, "t1");
	TimestampTz t2 = TimeKey(PG_GETARG_DATUM(2), ADOPTION_TIME_DATE, "t2");

	return parity_at_instants(fcinfo, t1, t2);
}
