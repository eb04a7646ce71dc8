/*
 * rivalry.c
 *	  Accessors of the rivalry summary: a over b, every ratio a / b.
 */
#include "postgres.h"

#include <math.h>

#include "access/htup_details.h"
#include "catalog/pg_type_d.h"
#include "funcapi.h"
#include "miscadmin.h"
#include "utils/builtins.h"
#include "utils/float.h"
#include "utils/timestamp.h"

#include "adoption.h"
#include "core/distributions.h"
#include "core/exact.h"
#include "rivalry.h"
#include "rows.h"
#include "sqltime.h"
#include "summary.h"

/* Sums over all periods, or over one. */
static void
rivalry_totals(const AdoptionPeriods *p, double *a, double *b)
{
	AdoptionSum sa = {0};
	AdoptionSum sb = {0};
	int			i;

	for (i = 0; i < p->nperiods; i++)
	{
		adoption_sum_add(&sa, adoption_sum(p, i, 0));
		adoption_sum_add(&sb, adoption_sum(p, i, 1));
	}
	*a = adoption_sum_value(&sa);
	*b = adoption_sum_value(&sb);
}

/* share(r): sum(a) / (sum(a) + sum(b)) over all periods */
PG_FUNCTION_INFO_V1(rivalry_share);
Datum
rivalry_share(PG_FUNCTION_ARGS)
{
	AdoptionPeriods *p = PG_GETARG_RIVALRY(0);
	double		a;
	double		b;

	rivalry_totals(p, &a, &b);
	if (a + b == 0.0)
		PG_RETURN_NULL();
	PG_RETURN_FLOAT8(a / (a + b));
}

/* a / b, NULL when b is zero */
static Datum
ratio_or_null(FunctionCallInfo fcinfo, double a, double b)
{
	if (b == 0.0 || isinf(a / b))
		PG_RETURN_NULL();
	PG_RETURN_FLOAT8(a / b);
}

/* ratio(r): sum(a) / sum(b) over all periods */
PG_FUNCTION_INFO_V1(rivalry_ratio);
Datum
rivalry_ratio(PG_FUNCTION_ARGS)
{
	AdoptionPeriods *p = PG_GETARG_RIVALRY(0);
	double		a;
	double		b;

	rivalry_totals(p, &a, &b);
	return ratio_or_null(fcinfo, a, b);
}

/* first_ratio(r), last_ratio(r): a / b of the first and last period */
PG_FUNCTION_INFO_V1(rivalry_first_ratio);
Datum
rivalry_first_ratio(PG_FUNCTION_ARGS)
{
	AdoptionPeriods *p = PG_GETARG_RIVALRY(0);

	if (p->nperiods == 0)
		PG_RETURN_NULL();
	return ratio_or_null(fcinfo, adoption_sum(p, 0, 0), adoption_sum(p, 0, 1));
}

PG_FUNCTION_INFO_V1(rivalry_last_ratio);
Datum
rivalry_last_ratio(PG_FUNCTION_ARGS)
{
	AdoptionPeriods *p = PG_GETARG_RIVALRY(0);
	int			last = p->nperiods - 1;

	if (p->nperiods == 0)
		PG_RETURN_NULL();
	return ratio_or_null(fcinfo, adoption_sum(p, last, 0), adoption_sum(p, last, 1));
}

/* ratio_change(r): last_ratio / first_ratio - 1 */
PG_FUNCTION_INFO_V1(rivalry_ratio_change);
Datum
rivalry_ratio_change(PG_FUNCTION_ARGS)
{
	AdoptionPeriods *p = PG_GETARG_RIVALRY(0);
	int			last = p->nperiods - 1;
	double		first_a;
	double		first_b;
	double		last_a;
	double		last_b;
	double		change;

	if (p->nperiods == 0)
		PG_RETURN_NULL();
	first_a = adoption_sum(p, 0, 0);
	first_b = adoption_sum(p, 0, 1);
	last_a = adoption_sum(p, last, 0);
	last_b = adoption_sum(p, last, 1);
	/* (last_a / last_b) / (first_a / first_b), undefined with a zero in it */
	if (first_a == 0.0 || first_b == 0.0 || last_b == 0.0)
		PG_RETURN_NULL();
	change = (last_a / last_b) / (first_a / first_b) - 1.0;
	if (!isfinite(change))
		PG_RETURN_NULL();
	PG_RETURN_FLOAT8(change);
}

/* Which side leads the last period: 1 a, 2 b, 0 tied; -1 without periods. */
static int
last_leader(const AdoptionPeriods *p)
{
	int			last = p->nperiods - 1;

	if (p->nperiods == 0)
		return -1;
	if (adoption_sum(p, last, 0) > adoption_sum(p, last, 1))
		return 1;
	if (adoption_sum(p, last, 1) > adoption_sum(p, last, 0))
		return 2;
	return 0;
}

/* leader(r), deprecated: 1 if a leads the last period, 2 if b, 0 tied */
PG_FUNCTION_INFO_V1(rivalry_leader);
Datum
rivalry_leader(PG_FUNCTION_ARGS)
{
	int			leader = last_leader(PG_GETARG_RIVALRY(0));

	if (leader < 0)
		PG_RETURN_NULL();
	PG_RETURN_INT32(leader);
}

/* leading_side(r): 'a' or 'b', the side leading the last period; NULL tied */
PG_FUNCTION_INFO_V1(rivalry_leading_side);
Datum
rivalry_leading_side(PG_FUNCTION_ARGS)
{
	int			leader = last_leader(PG_GETARG_RIVALRY(0));

	if (leader <= 0)
		PG_RETURN_NULL();
	PG_RETURN_TEXT_P(cstring_to_text(leader == 1 ? "a" : "b"));
}

/*
 * Fit r by method; false when the method has fewer than two periods it can
 * use (a NULL answer).
 */
bool
RivalryFit(AdoptionPeriods *p, AdoptionMethod method, AdoptionFit *fit)
{
	if (p->nperiods < 2)
		return false;
	adoption_fit_rivalry(p, method, FitWorkspace(p), fit);
	return fit->ok;
}

/* The level of the fitted line at parity: log-ratio or logit 0, ratio 1. */
double
ParityLevel(AdoptionMethod method)
{
	return method == ADOPTION_LINEAR ? 1.0 : 0.0;
}

/* ratio_trend(r, per): the fitted log-linear ratio's change per "per", minus 1 */
PG_FUNCTION_INFO_V1(rivalry_ratio_trend);
Datum
rivalry_ratio_trend(PG_FUNCTION_ARGS)
{
	static const Interval one_year = {0, 0, 12};
	AdoptionPeriods *p;
	AdoptionFit fit;
	double		per;

	if (PG_ARGISNULL(0))
		PG_RETURN_NULL();
	p = PG_GETARG_RIVALRY(0);
	per = PerArgument(fcinfo, 1, p, "ratio_trend", "per", &one_year);
	if (!RivalryFit(p, ADOPTION_LOGLINEAR, &fit))
		PG_RETURN_NULL();
	PG_RETURN_FLOAT8(expm1(fit.b1 * per));
}

/* parity as x, or false (flat fit, or too few periods) */
bool
RivalryParityX(AdoptionPeriods *p, AdoptionMethod method, AdoptionFit *fit, double *x)
{
	return RivalryFit(p, method, fit) &&
		adoption_fit_crossing(fit, ParityLevel(method), x);
}

/*
 * parity_at(r, method), parity_point(r, method): the instant (point) the
 * fitted ratio reaches 1; NULL when the fit is flat or has too few periods,
 * or the instant lies beyond timestamptz
 */
static Datum
parity(FunctionCallInfo fcinfo, bool point)
{
	AdoptionPeriods *p = PG_GETARG_RIVALRY(0);
	AdoptionMethod method = ParseMethod(PG_GETARG_TEXT_PP(1));
	AdoptionFit fit;
	Datum		result;
	double		x;

	if (!point)
		CheckInstantKind(p, "parity_at()", "parity_point()");
	if (!RivalryParityX(p, method, &fit, &x) || !XResult(p, x, point, &result))
		PG_RETURN_NULL();
	return result;
}

PG_FUNCTION_INFO_V1(rivalry_parity_at);
Datum
rivalry_parity_at(PG_FUNCTION_ARGS)
{
	return parity(fcinfo, false);
}

PG_FUNCTION_INFO_V1(rivalry_parity_point);
Datum
rivalry_parity_point(PG_FUNCTION_ARGS)
{
	return parity(fcinfo, true);
}

/* parity_in(r, unit, method): units from the last period to parity */
PG_FUNCTION_INFO_V1(rivalry_parity_in);
Datum
rivalry_parity_in(PG_FUNCTION_ARGS)
{
	static const Interval one_month = {0, 0, 1};
	AdoptionPeriods *p;
	AdoptionMethod method;
	AdoptionFit fit;
	double		unit;
	double		x;

	if (PG_ARGISNULL(0) || PG_ARGISNULL(2))
		PG_RETURN_NULL();
	p = PG_GETARG_RIVALRY(0);
	method = ParseMethod(PG_GETARG_TEXT_PP(2));
	unit = PerArgument(fcinfo, 1, p, "parity_in", "unit", &one_month);
	if (!RivalryParityX(p, method, &fit, &x))
		PG_RETURN_NULL();
	PG_RETURN_FLOAT8((x - adoption_period_x(p, p->nperiods - 1)) / unit);
}

/* The two-sided quantile of a fit's interval at level. */
double
FitQuantile(const AdoptionFit *fit, double level)
{
	return adoption_qt(0.5 + level / 2.0, fit->df);
}

/*
 * parity_interval(r, level, method), parity_interval_point(r, level,
 * method): (estimate, lower, upper, bounded), the parity with Fieller's
 * interval.  An end that is unbounded, or an instant beyond timestamptz, is
 * NULL, and bounded says whether both ends are there: drivers read
 * -infinity as a date in year 292269055.  NULL under 3 periods.
 *
 * The declaration before 0.5.0 has three columns and infinite ends: a
 * library updated before ALTER EXTENSION UPDATE keeps giving them.
 */
static Datum
parity_interval(FunctionCallInfo fcinfo, bool point)
{
	AdoptionPeriods *p = PG_GETARG_RIVALRY(0);
	double		level = PG_GETARG_FLOAT8(1);
	AdoptionMethod method = ParseMethod(PG_GETARG_TEXT_PP(2));
	AdoptionFit fit;
	TupleDesc	tupdesc;
	Datum		values[4];
	bool		nulls[4] = {false, false, false, false};
	double		x;
	double		lower;
	double		upper;

	CheckLevel(level);
	if (!point)
		CheckInstantKind(p, "parity_interval()", "parity_interval_point()");
	if (!RivalryFit(p, method, &fit) || fit.df < 1)
		PG_RETURN_NULL();
	if (get_call_result_type(fcinfo, NULL, &tupdesc) != TYPEFUNC_COMPOSITE)
		elog(ERROR, "return type must be a row type");
	tupdesc = BlessTupleDesc(tupdesc);

	nulls[0] = !(adoption_fit_crossing(&fit, ParityLevel(method), &x) &&
				 XResult(p, x, point, &values[0]));
	adoption_fit_fieller(&fit, ParityLevel(method), FitQuantile(&fit, level),
						 &lower, &upper);
	nulls[1] = !XResult(p, lower, point, &values[1]);
	nulls[2] = !XResult(p, upper, point, &values[2]);
	if (tupdesc->natts == 3)
	{
		/* 0.4.0's columns: infinite ends, the estimate clamped to them */
		nulls[0] = !adoption_fit_crossing(&fit, ParityLevel(method), &x);
		if (!nulls[0])
			values[0] = TimestampTzGetDatum(SummaryInstant(p, x, true));
		values[1] = TimestampTzGetDatum(isinf(lower) ? DT_NOBEGIN : SummaryInstant(p, lower, true));
		values[2] = TimestampTzGetDatum(isinf(upper) ? DT_NOEND : SummaryInstant(p, upper, true));
		nulls[1] = nulls[2] = false;
	}
	else
	{
		values[3] = BoolGetDatum(!nulls[1] && !nulls[2]);
		nulls[3] = false;
	}
	PG_RETURN_DATUM(HeapTupleGetDatum(heap_form_tuple(tupdesc, values, nulls)));
}

PG_FUNCTION_INFO_V1(rivalry_parity_interval);
Datum
rivalry_parity_interval(PG_FUNCTION_ARGS)
{
	return parity_interval(fcinfo, false);
}

PG_FUNCTION_INFO_V1(rivalry_parity_interval_point);
Datum
rivalry_parity_interval_point(PG_FUNCTION_ARGS)
{
	return parity_interval(fcinfo, true);
}

/* A value of the fitted line as a ratio a / b (negative: none). */
double
EtaRatio(AdoptionMethod method, double eta)
{
	return method == ADOPTION_LINEAR ? eta : exp(eta);
}

/* A value of the fitted line as a's share; NaN where the line is no ratio. */
double
EtaShare(AdoptionMethod method, double eta)
{
	if (method == ADOPTION_LINEAR)
		return eta >= 0.0 ? eta / (1.0 + eta) : NAN;
	return eta >= 0.0 ? 1.0 / (1.0 + exp(-eta)) : exp(eta) / (1.0 + exp(eta));
}

/*
 * fitted_share(r, time, method), fitted_ratio(r, time, method) and their
 * _point twins: the fitted model at a time or point.
 */
static Datum
fitted_value(FunctionCallInfo fcinfo, bool share, bool point)
{
	AdoptionPeriods *p = PG_GETARG_RIVALRY(0);
	AdoptionMethod method = ParseMethod(PG_GETARG_TEXT_PP(2));
	AdoptionFit fit;
	double		x;
	double		eta;
	double		result;

	if (!point)
		CheckInstantKind(p, share ? "fitted_share()" : "fitted_ratio()",
						 share ? "fitted_share_point()" : "fitted_ratio_point()");
	x = ArgumentX(fcinfo, 1, p, point, point ? "point" : "time");
	if (!RivalryFit(p, method, &fit))
		PG_RETURN_NULL();
	eta = adoption_fit_at(&fit, x);
	result = share ? EtaShare(method, eta) : EtaRatio(method, eta);
	if (isnan(result) || result < 0.0)
		PG_RETURN_NULL();
	if (isinf(result))
		float_overflow_error();
	PG_RETURN_FLOAT8(result);
}

PG_FUNCTION_INFO_V1(rivalry_fitted_share);
Datum
rivalry_fitted_share(PG_FUNCTION_ARGS)
{
	return fitted_value(fcinfo, true, false);
}

PG_FUNCTION_INFO_V1(rivalry_fitted_ratio);
Datum
rivalry_fitted_ratio(PG_FUNCTION_ARGS)
{
	return fitted_value(fcinfo, false, false);
}

PG_FUNCTION_INFO_V1(rivalry_fitted_share_point);
Datum
rivalry_fitted_share_point(PG_FUNCTION_ARGS)
{
	return fitted_value(fcinfo, true, true);
}

PG_FUNCTION_INFO_V1(rivalry_fitted_ratio_point);
Datum
rivalry_fitted_ratio_point(PG_FUNCTION_ARGS)
{
	return fitted_value(fcinfo, false, true);
}

/*
 * fit(r, method): slope and intercept of the fitted line (per second and at
 * 1970-01-01 for time, as regr_slope and regr_intercept over
 * extract(epoch FROM t); per unit and at 0 for numeric time), r2 (least
 * squares) or deviance (logistic), dispersion, df, periods used and
 * skipped, convergence and iterations (logistic), and the status: "ok", or
 * why there is no line (then the line's columns are NULL).
 */
PG_FUNCTION_INFO_V1(rivalry_fit_record);
Datum
rivalry_fit_record(PG_FUNCTION_ARGS)
{
	AdoptionPeriods *p = PG_GETARG_RIVALRY(0);
	AdoptionMethod method = ParseMethod(PG_GETARG_TEXT_PP(1));
	AdoptionFit fit;
	TupleDesc	tupdesc;
	Datum		values[11];
	bool		nulls[11] = {false};
	int			c;

	if (get_call_result_type(fcinfo, NULL, &tupdesc) != TYPEFUNC_COMPOSITE)
		elog(ERROR, "return type must be a row type");
	tupdesc = BlessTupleDesc(tupdesc);
	adoption_fit_rivalry(p, method, FitWorkspace(p), &fit);

	values[0] = Float8GetDatum(fit.b1);
	/* the line at the origin: b0 + b1 (origin - xbar), origin = -XPoint(0) */
	if (fit.ok)
		values[1] = Float8GetDatum(fit.b0 - fit.b1 * (fit.xbar + XPoint(p, 0.0)));
	values[2] = Float8GetDatum(fit.r2);
	values[3] = Float8GetDatum(fit.deviance);
	values[4] = Float8GetDatum(fit.dispersion);
	values[5] = Int32GetDatum(fit.df);
	for (c = 0; c < 6; c++)
		nulls[c] = !fit.ok;
	nulls[2] = nulls[2] || isnan(fit.r2);
	nulls[4] = nulls[4] || isnan(fit.dispersion);
	values[6] = Int32GetDatum(fit.used);
	values[7] = Int32GetDatum(fit.skipped);
	values[8] = BoolGetDatum(fit.converged);
	values[9] = Int32GetDatum(fit.iterations);
	nulls[8] = nulls[9] = method != ADOPTION_LOGISTIC && method != ADOPTION_WILLIAMS && !fit.ok;
	values[10] = CStringGetTextDatum(adoption_fit_status_name(fit.status));
	PG_RETURN_DATUM(HeapTupleGetDatum(heap_form_tuple(tupdesc, values, nulls)));
}

/*
 * crossovers(r): the instants the observed lead changed hands, interpolated
 * between the periods on either side on the log-ratio (on the share where a
 * side has a zero count).  A lead that passes through a tie changes hands at
 * the first tied period.  Periods with nothing observed are passed over.
 */
void
RivalryCrossoverXs(AdoptionPeriods *p, double *xs, int *n)
{
	int			prev = -1;		/* last period with a leader */
	int			tie = -1;		/* first tied period since then */
	int			i;

	*n = 0;
	for (i = 0; i < p->nperiods; i++)
	{
		double		a = adoption_sum(p, i, 0);
		double		b = adoption_sum(p, i, 1);
		int			sign = (a > b) - (a < b);

		if (a + b == 0.0)
			continue;
		if (sign == 0)
		{
			if (tie < 0)
				tie = i;
			continue;
		}
		if (prev >= 0)
		{
			double		pa = adoption_sum(p, prev, 0);
			double		pb = adoption_sum(p, prev, 1);
			int			psign = (pa > pb) - (pa < pb);

			if (psign != sign)
			{
				double		x0 = adoption_period_x(p, prev);
				double		x1 = adoption_period_x(p, i);
				double		y0;
				double		y1;

				if (tie >= 0)
					xs[(*n)++] = adoption_period_x(p, tie);
				else
				{
					if (pa > 0.0 && pb > 0.0 && a > 0.0 && b > 0.0)
					{
						y0 = log(pa) - log(pb);
						y1 = log(a) - log(b);
					}
					else
					{
						y0 = pa / (pa + pb) - 0.5;
						y1 = a / (a + b) - 0.5;
					}
					xs[(*n)++] = x0 + (x1 - x0) * (y0 / (y0 - y1));
				}
			}
		}
		prev = i;
		tie = -1;
	}
}

/* The crossovers as instants (timestamptz) or as points (float8, input units). */
static Datum
crossovers_srf(FunctionCallInfo fcinfo, bool instants)
{
	AdoptionPeriods *p = PG_GETARG_RIVALRY(0);
	double	   *xs;
	int			n;
	int			i;

	if (instants)
		CheckInstantKind(p, "crossovers()", "crossover_points()");
	InitMaterializedSRF(fcinfo, MAT_SRF_USE_EXPECTED_DESC);
	xs = palloc(sizeof(double) * p->nperiods);
	RivalryCrossoverXs(p, xs, &n);
	for (i = 0; i < n; i++)
		PutScalarRow(fcinfo, instants ?
					 TimestampTzGetDatum(SummaryInstant(p, xs[i], false)) :
					 Float8GetDatum(XPoint(p, xs[i])));
	return (Datum) 0;
}

/* crossovers(r): the instants the observed lead changed hands */
PG_FUNCTION_INFO_V1(rivalry_crossovers);
Datum
rivalry_crossovers(PG_FUNCTION_ARGS)
{
	return crossovers_srf(fcinfo, true);
}

/* crossover_points(r): the same in the input's units (epoch seconds for time) */
PG_FUNCTION_INFO_V1(rivalry_crossover_points);
Datum
rivalry_crossover_points(PG_FUNCTION_ARGS)
{
	return crossovers_srf(fcinfo, false);
}

/* What every row of a projection needs. */
typedef struct Projection
{
	AdoptionPeriods *p;
	AdoptionMethod method;
	AdoptionFit fit;
	bool		fitted;
	double		q;				/* quantile for the band; 0 when none */
	ChartBand	band;
	double		mean_total;		/* a + b of the average period the fit used */
} Projection;

/* One row: the observed share, then the model at x. */
static void
projection_row(void *arg, double x, int period, Datum *values, bool *nulls)
{
	Projection *pr = arg;
	double		total = pr->mean_total;

	if (period >= 0)
	{
		double		a = adoption_sum(pr->p, period, 0);
		double		b = adoption_sum(pr->p, period, 1);

		if (a + b > 0.0)
		{
			values[1] = Float8GetDatum(a / (a + b));
			nulls[1] = false;
			total = a + b;
		}
	}
	if (pr->fitted)
	{
		double		eta = adoption_fit_at(&pr->fit, x);
		double		share = EtaShare(pr->method, eta);
		double		ratio = EtaRatio(pr->method, eta);

		values[2] = Float8GetDatum(share);
		nulls[2] = isnan(share);
		values[5] = Float8GetDatum(ratio);
		nulls[5] = !(ratio >= 0.0 && isfinite(ratio));
		if (pr->q > 0.0)
		{
			double		half = BandHalfWidth(&pr->fit, pr->band, pr->method, pr->q, x, total);
			double		lo = EtaShare(pr->method, eta - half);
			double		hi = EtaShare(pr->method, eta + half);

			/* a linear ratio below zero is a share of zero */
			values[3] = Float8GetDatum(isnan(lo) ? 0.0 : lo);
			values[4] = Float8GetDatum(isnan(hi) ? 0.0 : hi);
			nulls[3] = nulls[4] = false;
		}
	}
}

/*
 * projection(r, until, step, level, method, band), projection_point(...):
 * a row for every observed period and every step after the last one up to
 * until: time (or point), observed share, fitted share with its band at
 * level (of the fitted line, or of one more period's share, mapped to
 * shares), fitted ratio.
 */
static Datum
projection(FunctionCallInfo fcinfo, bool point)
{
	Projection	pr;
	ChartAxis	axis;
	double		level = PG_GETARG_FLOAT8(3);
	double		total = 0.0;
	int			used = 0;

	pr.p = PG_GETARG_RIVALRY(0);
	pr.method = ParseMethod(PG_GETARG_TEXT_PP(4));
	pr.band = BandArg(fcinfo, 5);
	ChartAxisArgs(fcinfo, pr.p, point, &axis);
	CheckLevel(level);
	InitMaterializedSRF(fcinfo, MAT_SRF_USE_EXPECTED_DESC);
	pr.fitted = RivalryFit(pr.p, pr.method, &pr.fit);
	pr.q = pr.fitted && pr.fit.df >= 1 ? FitQuantile(&pr.fit, level) : 0.0;
	adoption_add_totals(pr.p, 0, pr.p->nperiods - 1, &total, &used);
	pr.mean_total = used > 0 ? total / used : 0.0;
	ProjectionRows(fcinfo, pr.p, &axis, 6, projection_row, &pr);
	return (Datum) 0;
}

PG_FUNCTION_INFO_V1(rivalry_projection);
Datum
rivalry_projection(PG_FUNCTION_ARGS)
{
	return projection(fcinfo, false);
}

PG_FUNCTION_INFO_V1(rivalry_projection_point);
Datum
rivalry_projection_point(PG_FUNCTION_ARGS)
{
	return projection(fcinfo, true);
}
