/*
 * trend.c
 *	  Accessors of the trend summary: one series over time.
 *
 * slope, value_at, reaches and r2 read the least-squares line through the
 * values; growth_rate and doubling_time the line through their logarithms
 * (periods with a zero value skipped).
 */
#include "postgres.h"

#include <math.h>

#include "funcapi.h"
#include "utils/builtins.h"
#include "utils/float.h"
#include "utils/timestamp.h"

#include "adoption.h"
#include "core/distributions.h"
#include "rows.h"
#include "sqltime.h"
#include "summary.h"

static const Interval one_year = {0, 0, 12};

static bool
trend_fit(AdoptionPeriods *p, bool log_scale, AdoptionFit *fit)
{
	if (p->nperiods < 2)
		return false;
	adoption_fit_series(p, 0, log_scale, FitWorkspace(p), fit);
	return fit->ok;
}

/* first_value(tr), last_value(tr) */
PG_FUNCTION_INFO_V1(trend_first_value);
Datum
trend_first_value(PG_FUNCTION_ARGS)
{
	AdoptionPeriods *p = PG_GETARG_TREND(0);

	if (p->nperiods == 0)
		PG_RETURN_NULL();
	PG_RETURN_FLOAT8(adoption_sum(p, 0, 0));
}

PG_FUNCTION_INFO_V1(trend_last_value);
Datum
trend_last_value(PG_FUNCTION_ARGS)
{
	AdoptionPeriods *p = PG_GETARG_TREND(0);

	if (p->nperiods == 0)
		PG_RETURN_NULL();
	PG_RETURN_FLOAT8(adoption_sum(p, p->nperiods - 1, 0));
}

/* change(tr): last / first - 1; NULL when the first value is zero */
PG_FUNCTION_INFO_V1(trend_change);
Datum
trend_change(PG_FUNCTION_ARGS)
{
	AdoptionPeriods *p = PG_GETARG_TREND(0);
	double		first;
	double		result;

	if (p->nperiods == 0)
		PG_RETURN_NULL();
	first = adoption_sum(p, 0, 0);
	if (first == 0.0)
		PG_RETURN_NULL();
	result = adoption_sum(p, p->nperiods - 1, 0) / first;
	if (isinf(result))
		float_overflow_error();
	PG_RETURN_FLOAT8(result - 1.0);
}

/* slope(tr, per): fitted change of the value per "per" (default a year) */
PG_FUNCTION_INFO_V1(trend_slope);
Datum
trend_slope(PG_FUNCTION_ARGS)
{
	AdoptionPeriods *p;
	AdoptionFit fit;
	double		per;

	if (PG_ARGISNULL(0))
		PG_RETURN_NULL();
	p = PG_GETARG_TREND(0);
	per = PerArgument(fcinfo, 1, p, "per", &one_year);
	if (!trend_fit(p, false, &fit))
		PG_RETURN_NULL();
	PG_RETURN_FLOAT8(fit.b1 * per);
}

/* growth_rate(tr, per): fitted multiplicative change per "per", minus 1 */
PG_FUNCTION_INFO_V1(trend_growth_rate);
Datum
trend_growth_rate(PG_FUNCTION_ARGS)
{
	AdoptionPeriods *p;
	AdoptionFit fit;
	double		per;
	double		result;

	if (PG_ARGISNULL(0))
		PG_RETURN_NULL();
	p = PG_GETARG_TREND(0);
	per = PerArgument(fcinfo, 1, p, "per", &one_year);
	if (!trend_fit(p, true, &fit))
		PG_RETURN_NULL();
	result = expm1(fit.b1 * per);
	if (isinf(result))
		float_overflow_error();
	PG_RETURN_FLOAT8(result);
}

/* doubling_time(tr, unit): ln 2 / fitted log growth, in units; NULL when not growing */
PG_FUNCTION_INFO_V1(trend_doubling_time);
Datum
trend_doubling_time(PG_FUNCTION_ARGS)
{
	AdoptionPeriods *p;
	AdoptionFit fit;
	double		unit;

	if (PG_ARGISNULL(0))
		PG_RETURN_NULL();
	p = PG_GETARG_TREND(0);
	unit = PerArgument(fcinfo, 1, p, "unit", &one_year);
	if (!trend_fit(p, true, &fit) || !(fit.b1 > 0.0))
		PG_RETURN_NULL();
	PG_RETURN_FLOAT8(M_LN2 / fit.b1 / unit);
}

/* value_at(tr, time): the fitted line at time */
PG_FUNCTION_INFO_V1(trend_value_at);
Datum
trend_value_at(PG_FUNCTION_ARGS)
{
	AdoptionPeriods *p = PG_GETARG_TREND(0);
	TimestampTz t = PG_GETARG_TIMESTAMPTZ(1);
	AdoptionFit fit;

	CheckInstantKind(p, "value_at()", NULL);
	if (TIMESTAMP_NOT_FINITE(t))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("time cannot be infinite")));
	if (!trend_fit(p, false, &fit))
		PG_RETURN_NULL();
	PG_RETURN_FLOAT8(adoption_fit_at(&fit, InstantX(p, t)));
}

/* reaches(tr, value): the instant the fitted line reaches value; NULL when flat */
PG_FUNCTION_INFO_V1(trend_reaches);
Datum
trend_reaches(PG_FUNCTION_ARGS)
{
	AdoptionPeriods *p = PG_GETARG_TREND(0);
	double		value = PG_GETARG_FLOAT8(1);
	AdoptionFit fit;
	double		x;

	CheckInstantKind(p, "reaches()", NULL);
	CheckFinite(value, "value");
	if (!trend_fit(p, false, &fit) || !adoption_fit_crossing(&fit, value, &x))
		PG_RETURN_NULL();
	PG_RETURN_TIMESTAMPTZ(SummaryInstant(p, x, false));
}

/* r2(tr): coefficient of determination of the fitted line */
PG_FUNCTION_INFO_V1(trend_r2);
Datum
trend_r2(PG_FUNCTION_ARGS)
{
	AdoptionPeriods *p = PG_GETARG_TREND(0);
	AdoptionFit fit;

	if (!trend_fit(p, false, &fit) || isnan(fit.r2))
		PG_RETURN_NULL();
	PG_RETURN_FLOAT8(fit.r2);
}

/* What every row of a trend's projection needs. */
typedef struct TrendProjection
{
	AdoptionPeriods *p;
	AdoptionFit fit;
	bool		fitted;
	double		q;				/* quantile for the band; 0 when none */
} TrendProjection;

/* One row: the observed value, then the line and its band at x. */
static void
trend_projection_row(void *arg, TimestampTz t, double x, int period, Datum *values, bool *nulls)
{
	TrendProjection *pr = arg;

	if (period >= 0)
	{
		values[1] = Float8GetDatum(adoption_sum(pr->p, period, 0));
		nulls[1] = false;
	}
	if (pr->fitted)
	{
		double		y = adoption_fit_at(&pr->fit, x);

		values[2] = Float8GetDatum(y);
		nulls[2] = false;
		if (pr->q > 0.0)
		{
			double		half = pr->q * adoption_fit_se(&pr->fit, x);

			values[3] = Float8GetDatum(y - half);
			values[4] = Float8GetDatum(y + half);
			nulls[3] = nulls[4] = false;
		}
	}
}

/*
 * projection(tr, until, step, level): a row for every observed period and
 * every step after the last one up to until: time, observed value, the
 * least-squares line, and the confidence interval of the line at level.
 */
PG_FUNCTION_INFO_V1(trend_projection);
Datum
trend_projection(PG_FUNCTION_ARGS)
{
	TrendProjection pr;
	TimestampTz until = PG_GETARG_TIMESTAMPTZ(1);
	Interval   *step = PG_GETARG_INTERVAL_P(2);
	double		level = PG_GETARG_FLOAT8(3);

	pr.p = PG_GETARG_TREND(0);
	CheckInstantKind(pr.p, "projection()", NULL);
	CheckLevel(level);
	CheckProjectionArgs(until, step);
	InitMaterializedSRF(fcinfo, 0);
	pr.fitted = trend_fit(pr.p, false, &pr.fit);
	pr.q = pr.fitted && pr.fit.df >= 1 ? adoption_qt(0.5 + level / 2.0, pr.fit.df) : 0.0;
	ProjectionRows(fcinfo, pr.p, until, step, 5, trend_projection_row, &pr);
	return (Datum) 0;
}
