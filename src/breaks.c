/*
 * breaks.c
 *	  breaks(r, max_breaks, method, min_length, level): where the trend of a
 *	  rivalry's log-ratio (or logit, or ratio) changed (src/core/segments.h).
 */
#include "postgres.h"

#include "funcapi.h"
#include "utils/tuplestore.h"

#include "adoption.h"
#include "core/distributions.h"
#include "core/fit.h"
#include "core/segments.h"
#include "sqltime.h"
#include "summary.h"

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
	double	   *m = palloc(sizeof(double) * n);
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
	/*
	 * The points of fit()'s line, but for logistic and williams, whose
	 * maximum-likelihood lines have no closed-form segment costs: Cox's
	 * empirical logit with its weights stands in for them.
	 */
	if (method == ADOPTION_LOGISTIC || method == ADOPTION_WILLIAMS)
		method = ADOPTION_EMPIRICAL;
	used = adoption_fit_points(p, method, x, y, m, w, period);
	z = adoption_qnorm(0.5 + level / 2.0);
	nbreaks = adoption_segments(x, y, method == ADOPTION_EMPIRICAL ? w : NULL,
								used, max_breaks, min_length, z * z,
								palloc(sizeof(double) * 2 * (max_breaks + 1) * used),
								found, NULL);
	for (b = 0; b < nbreaks; b++)
	{
		Datum		values[5];
		bool		nulls[5] = {false};

		values[0] = PeriodResult(p, period[found[b].at], point);
		values[1] = Float8GetDatum(found[b].slope_before);
		values[2] = Float8GetDatum(found[b].slope_after);
		values[3] = PeriodResult(p, period[found[b].lower], point);
		values[4] = PeriodResult(p, period[found[b].upper], point);
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
