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
	per = PerArgument(fcinfo, 1, p, "slope", "per", &one_year);
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
	per = PerArgument(fcinfo, 1, p, "growth_rate", "per", &one_year);
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
	unit = PerArgument(fcinfo, 1, p, "doubling_time", "unit", &one_year);
	if (!trend_fit(p, true, &fit) || !(fit.b1 > 0.0))
		PG_RETURN_NULL();
	PG_RETURN_FLOAT8(M_LN2 / fit.b1 / unit);
}

/* value_at(tr, time), value_at_point(tr, point): the fitted line there */
static Datum
value_at(FunctionCallInfo fcinfo, bool point)
{
	AdoptionPeriods *p = PG_GETARG_TREND(0);
	AdoptionFit fit;
	double		x;
	double		result;

	if (!point)
		CheckInstantKind(p, "value_at()", "value_at_point()");
	x = ArgumentX(fcinfo, 1, p, point, point ? "point" : "time");
	if (!trend_fit(p, false, &fit))
		PG_RETURN_NULL();
	result = adoption_fit_at(&fit, x);
	if (isinf(result))
		float_overflow_error();
	PG_RETURN_FLOAT8(result);
}

PG_FUNCTION_INFO_V1(trend_value_at);
Datum
trend_value_at(PG_FUNCTION_ARGS)
{
	return value_at(fcinfo, false);
}

PG_FUNCTION_INFO_V1(trend_value_at_point);
Datum
trend_value_at_point(PG_FUNCTION_ARGS)
{
	return value_at(fcinfo, true);
}

/*
 * reaches(tr, value), reaches_point(tr, value): the instant (point) the
 * fitted line reaches value; NULL when flat, or beyond timestamptz
 */
static Datum
reaches(FunctionCallInfo fcinfo, bool point)
{
	AdoptionPeriods *p = PG_GETARG_TREND(0);
	double		value = PG_GETARG_FLOAT8(1);
	AdoptionFit fit;
	Datum		result;
	double		x;

	if (!point)
		CheckInstantKind(p, "reaches()", "reaches_point()");
	CheckFinite(value, "value");
	if (!trend_fit(p, false, &fit) || !adoption_fit_crossing(&fit, value, &x) ||
		!XResult(p, x, point, &result))
		PG_RETURN_NULL();
	return result;
}

PG_FUNCTION_INFO_V1(trend_reaches);
Datum
trend_reaches(PG_FUNCTION_ARGS)
{
	return reaches(fcinfo, false);
}

PG_FUNCTION_INFO_V1(trend_reaches_point);
Datum
trend_reaches_point(PG_FUNCTION_ARGS)
{
	return reaches(fcinfo, true);
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
	ChartBand	band;
} TrendProjection;

/* One row: the observed value, then the line and its band at x. */
static void
trend_projection_row(void *arg, double x, int period, Datum *values, bool *nulls)
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
		nulls[2] = !isfinite(y);
		if (pr->q > 0.0 && isfinite(y))
		{
			double		half = BandHalfWidth(&pr->fit, pr->band, ADOPTION_LINEAR, pr->q, x, 0.0);

			values[3] = Float8GetDatum(y - half);
			values[4] = Float8GetDatum(y + half);
			nulls[3] = !isfinite(y - half);
			nulls[4] = !isfinite(y + half);
		}
	}
}

/*
 * projection(tr, until, step, level, band), projection_point(...): a row
 * for every observed period and every step after the last one up to until:
 * time (or point), observed value, the least-squares line, and its band at
 * level (of the line, or of one more period's value).
 */
static Datum
projection(FunctionCallInfo fcinfo, bool point)
{
	TrendProjection pr;
	ChartAxis	axis;
	double		level = PG_GETARG_FLOAT8(3);

	pr.p = PG_GETARG_TREND(0);
	pr.band = BandArg(fcinfo, 4);
	ChartAxisArgs(fcinfo, pr.p, point, &axis);
	CheckLevel(level);
	InitMaterializedSRF(fcinfo, MAT_SRF_USE_EXPECTED_DESC);
	pr.fitted = trend_fit(pr.p, false, &pr.fit);
	pr.q = pr.fitted && pr.fit.df >= 1 ? adoption_qt(0.5 + level / 2.0, pr.fit.df) : 0.0;
	ProjectionRows(fcinfo, pr.p, &axis, 5, trend_projection_row, &pr);
	return (Datum) 0;
}

PG_FUNCTION_INFO_V1(trend_projection);
Datum
trend_projection(PG_FUNCTION_ARGS)
{
	return projection(fcinfo, false);
}

PG_FUNCTION_INFO_V1(trend_projection_point);
Datum
trend_projection_point(PG_FUNCTION_ARGS)
{
	return projection(fcinfo, true);
}
