/*
 * breaks.c
 *	  breaks(r, max_breaks, method, min_length, level): where the trend of a
 *	  rivalry's log-ratio (or logit, or ratio) changed (src/core/segments.h).
 */
#include "postgres.h"

#include <math.h>

#include "funcapi.h"
#include "utils/timestamp.h"
#include "utils/tuplestore.h"

#include "adoption.h"
#include "core/distributions.h"
#include "core/segments.h"
#include "sqltime.h"
#include "summary.h"

/* A period's time: its instant, or its point. */
static Datum
period_time(const AdoptionPeriods *p, int i, bool point)
{
	int64		key = adoption_key(p, i);

	if (point)
		return Float8GetDatum(adoption_key_point((AdoptionTimeKind) p->kind, key));
	return TimestampTzGetDatum(key);
}

/*
 * The line each method fits, period by period: ln(a/b) (loglinear), a/b
 * (linear), or Cox's empirical logit with its weights (empirical; also for
 * logistic and williams, whose maximum-likelihood lines have no closed-form
 * segment costs).  Periods a method cannot use are passed over.
 */
static int
break_points(const AdoptionPeriods *p, AdoptionMethod method, double *x, double *y, double *w,
			 int *period)
{
	int			used = 0;
	int			i;

	for (i = 0; i < p->nperiods; i++)
	{
		double		a = adoption_sum(p, i, 0);
		double		b = adoption_sum(p, i, 1);

		if (method == ADOPTION_LOGLINEAR ? !(a > 0.0 && b > 0.0) :
			method == ADOPTION_LINEAR ? !(b > 0.0) : !(a + b > 0.0))
			continue;
		x[used] = adoption_period_x(p, i);
		if (method == ADOPTION_LOGLINEAR)
			y[used] = log(a) - log(b);
		else if (method == ADOPTION_LINEAR)
			y[used] = a / b;
		else
		{
			y[used] = log(a + 0.5) - log(b + 0.5);
			w[used] = 1.0 / (1.0 / (a + 0.5) + 1.0 / (b + 0.5));
		}
		period[used++] = i;
	}
	return used;
}

static Datum
breaks(FunctionCallInfo fcinfo, bool point)
{
	ReturnSetInfo *rsinfo = (ReturnSetInfo *) fcinfo->resultinfo;
	AdoptionPeriods *p = PG_GETARG_RIVALRY(0);
	int			max_breaks = PG_GETARG_INT32(1);
	AdoptionMethod method = ParseMethod(PG_GETARG_TEXT_PP(2));
	int			min_length = PG_GETARG_INT32(3);
	double		level = PG_GETARG_FLOAT8(4);
	int			n = p->nperiods;
	double	   *x = palloc(sizeof(double) * n);
	double	   *y = palloc(sizeof(double) * n);
	double	   *w = palloc(sizeof(double) * n);
	int		   *period = palloc(sizeof(int) * n);
	AdoptionBreak found[ADOPTION_MAX_BREAKS];
	double		z;
	int			used;
	int			nbreaks;
	int			b;

	if (!point)
		CheckInstantKind(p, "breaks()", "breaks_point()");
	if (max_breaks < 0 || max_breaks > ADOPTION_MAX_BREAKS)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("max_breaks must be between 0 and %d", ADOPTION_MAX_BREAKS),
				 errdetail("max_breaks is %d.", max_breaks)));
	if (min_length < 3)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("min_length must be at least 3"),
				 errdetail("A segment of two periods has a line but no residual to judge it by.")));
	CheckLevel(level);
	InitMaterializedSRF(fcinfo, MAT_SRF_USE_EXPECTED_DESC);
	used = break_points(p, method, x, y, w, period);
	z = adoption_qnorm(0.5 + level / 2.0);
	nbreaks = adoption_segments(x, y, method == ADOPTION_LOGLINEAR || method == ADOPTION_LINEAR ? NULL : w,
								used, max_breaks, min_length, z * z,
								palloc(sizeof(double) * 2 * (max_breaks + 1) * used),
								found, NULL);
	for (b = 0; b < nbreaks; b++)
	{
		Datum		values[5];
		bool		nulls[5] = {false};

		values[0] = period_time(p, period[found[b].at], point);
		values[1] = Float8GetDatum(found[b].slope_before);
		values[2] = Float8GetDatum(found[b].slope_after);
		values[3] = period_time(p, period[found[b].lower], point);
		values[4] = period_time(p, period[found[b].upper], point);
		tuplestore_putvalues(rsinfo->setResult, rsinfo->setDesc, values, nulls);
	}
	return (Datum) 0;
}

PG_FUNCTION_INFO_V1(rivalry_breaks);
Datum
rivalry_breaks(PG_FUNCTION_ARGS)
{
	return breaks(fcinfo, false);
}

PG_FUNCTION_INFO_V1(rivalry_breaks_point);
Datum
rivalry_breaks_point(PG_FUNCTION_ARGS)
{
	return breaks(fcinfo, true);
}
