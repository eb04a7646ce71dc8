/*
 * backtest.c
 *	  A projection's own track record: rolling-origin backtests of a
 *	  rivalry's fitted share and of its projected parity.
 *
 * For each origin, from the min_periods-th period to the last but one, the
 * model is fitted on the periods up to the origin, exactly as fit() fits
 * slice(r, NULL, <the period after the origin>).  Each period's point (its
 * x, its log-ratio or logit, its trials) is made once for the whole
 * summary, and each origin's fit reads the points of its periods: the same
 * numbers in the same order as fit() of the slice, so every origin's line
 * is fit()'s, bit for bit.  The fits themselves start afresh at each origin
 * (a warm start, or running sums carried from one origin to the next,
 * would make a line depend on the origins before it), so a backtest of n
 * periods reads O(n^2) points, as many as the O(n^2) rows it returns.
 */
#include "postgres.h"

#include <limits.h>
#include <math.h>

#include "funcapi.h"
#include "miscadmin.h"
#include "utils/builtins.h"
#include "utils/timestamp.h"
#include "utils/tuplestore.h"

#include "adoption.h"
#include "core/distributions.h"
#include "rivalry.h"
#include "rows.h"
#include "sqltime.h"
#include "summary.h"

/* The arguments every backtest reads, (r, method, level, min_periods), and the fits' points. */
typedef struct Backtest
{
	AdoptionPeriods *p;
	int			n;				/* the summary's periods */
	AdoptionMethod method;
	double		level;
	int			min_periods;
	bool		point;
	double	   *work;			/* x, y, m and w of every period's point; the fits' scratch */
	int		   *period;			/* point k's period */
	int			npoints;
	int			used;			/* the points of the periods up to the last origin fitted */
	int			first_a;		/* the first period with a > 0, or n */
	int			first_b;
} Backtest;

static void
backtest_args(FunctionCallInfo fcinfo, bool point, const char *function, const char *twin,
			  Backtest *bt)
{
	AdoptionPeriods *r = PG_GETARG_RIVALRY(0);

	bt->method = ParseMethod(PG_GETARG_TEXT_PP(1));
	bt->level = PG_GETARG_FLOAT8(2);
	bt->min_periods = PG_GETARG_INT32(3);
	bt->point = point;
	CheckLevel(bt->level);
	if (bt->min_periods < 2)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("min_periods must be at least 2"),
				 errdetail("min_periods is %d.", bt->min_periods)));
	if (!point)
		CheckInstantKind(r, function, twin);
	bt->p = r;
	bt->n = r->nperiods;
	bt->work = FitWorkspace(r);
	bt->period = palloc(sizeof(int) * (bt->n + 1));
	bt->npoints = adoption_fit_points(r, bt->method, bt->work, bt->work + bt->n,
									  bt->work + 2 * bt->n, bt->work + 3 * bt->n, bt->period);
	bt->used = 0;
	bt->first_a = adoption_first_observed(r, 0);
	bt->first_b = adoption_first_observed(r, 1);
}

/*
 * Fit the periods up to and including origin (origins only go forward);
 * false when there is no line.
 */
static bool
backtest_fit(Backtest *bt, int origin, AdoptionFit *fit)
{
	double	   *x = bt->work;

	while (bt->used < bt->npoints && bt->period[bt->used] <= origin)
		bt->used++;
	adoption_fit_rivalry_points(bt->method, x, x + bt->n, x + 2 * bt->n, x + 3 * bt->n, bt->used,
								origin + 1, bt->first_a <= origin, bt->first_b <= origin,
								x + 3 * bt->n, fit);
	return fit->ok;
}

/*
 * backtest(r, method, level, min_periods, band, max_horizon): for each
 * origin and each later observed period up to max_horizon periods ahead
 * (NULL: all), the share the fit up to the origin projected, its band at
 * level, the share observed, the error (projected minus observed) and
 * whether the band covered it.  An origin without a line gives its rows with
 * the projection NULL.  Not STRICT, for max_horizon: a NULL in any other
 * argument gives no rows.
 */
static Datum
backtest(FunctionCallInfo fcinfo, bool point)
{
	ReturnSetInfo *rsinfo;
	Backtest	bt;
	ChartBand	band;
	int			max_horizon = INT_MAX;
	int			origin;
	double		total = 0.0;	/* a + b of the periods up to origin */
	int			used = 0;
	int			a;

	for (a = 0; a < 5; a++)
		if (PG_ARGISNULL(a))
		{
			InitMaterializedSRF(fcinfo, MAT_SRF_USE_EXPECTED_DESC);
			return (Datum) 0;
		}
	backtest_args(fcinfo, point, "backtest()", "backtest_point()", &bt);
	band = BandArg(fcinfo, 4);
	if (PG_NARGS() > 5 && !PG_ARGISNULL(5))
	{
		max_horizon = PG_GETARG_INT32(5);
		if (max_horizon < 1)
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("max_horizon must be at least 1"),
					 errdetail("max_horizon is %d.", max_horizon)));
	}
	InitMaterializedSRF(fcinfo, MAT_SRF_USE_EXPECTED_DESC);
	rsinfo = (ReturnSetInfo *) fcinfo->resultinfo;
	for (origin = bt.min_periods - 1; origin < bt.n - 1; origin++)
	{
		AdoptionFit fit;
		bool		fitted = backtest_fit(&bt, origin, &fit);
		double		q = fitted && fit.df >= 1 ? FitQuantile(&fit, bt.level) : 0.0;
		int			last = origin + Min(max_horizon, bt.n - 1 - origin);
		int			j;

		CHECK_FOR_INTERRUPTS();
		/* the first origin adds the periods up to it; each later one, its own */
		adoption_add_totals(bt.p, origin == bt.min_periods - 1 ? 0 : origin, origin, &total, &used);
		for (j = origin + 1; j <= last; j++)
		{
			Datum		values[9];
			bool		nulls[9] = {false};
			double		a = adoption_sum(bt.p, j, 0);
			double		b = adoption_sum(bt.p, j, 1);
			double		observed = a + b > 0.0 ? a / (a + b) : NAN;

			values[0] = PeriodResult(bt.p, origin, bt.point);
			values[1] = PeriodResult(bt.p, j, bt.point);
			values[2] = Int32GetDatum(j - origin);
			values[6] = Float8GetDatum(observed);
			nulls[6] = isnan(observed);
			nulls[3] = nulls[4] = nulls[5] = nulls[7] = nulls[8] = true;
			if (fitted)
			{
				double		x = adoption_period_x(bt.p, j);
				double		eta = adoption_fit_at(&fit, x);
				double		share = EtaShare(bt.method, eta);

				values[3] = Float8GetDatum(share);
				nulls[3] = isnan(share);
				if (!nulls[3] && !nulls[6])
				{
					values[7] = Float8GetDatum(share - observed);
					nulls[7] = false;
				}
				if (q > 0.0)
				{
					double		half = BandHalfWidth(&fit, band, bt.method, q, x,
													 a + b > 0.0 ? a + b : total / used);
					double		lo = EtaShare(bt.method, eta - half);
					double		hi = EtaShare(bt.method, eta + half);

					/* a linear ratio below zero is a share of zero */
					lo = isnan(lo) ? 0.0 : lo;
					hi = isnan(hi) ? 0.0 : hi;
					values[4] = Float8GetDatum(lo);
					values[5] = Float8GetDatum(hi);
					nulls[4] = nulls[5] = false;
					if (!nulls[6])
					{
						values[8] = BoolGetDatum(lo <= observed && observed <= hi);
						nulls[8] = false;
					}
				}
			}
			tuplestore_putvalues(rsinfo->setResult, rsinfo->setDesc, values, nulls);
		}
	}
	return (Datum) 0;
}

PG_FUNCTION_INFO_V1(rivalry_backtest);
Datum
rivalry_backtest(PG_FUNCTION_ARGS)
{
	return backtest(fcinfo, false);
}

PG_FUNCTION_INFO_V1(rivalry_backtest_point);
Datum
rivalry_backtest_point(PG_FUNCTION_ARGS)
{
	return backtest(fcinfo, true);
}

/*
 * backtest_parity(r, method, level, min_periods): for each origin, the
 * parity the fit up to it projected with its interval (ends NULL where
 * unbounded, as parity_interval's), the first crossover observed after the
 * origin, and whether the interval held it.
 */
static Datum
backtest_parity(FunctionCallInfo fcinfo, bool point)
{
	ReturnSetInfo *rsinfo = (ReturnSetInfo *) fcinfo->resultinfo;
	Backtest	bt;
	double	   *crossings;
	int			ncrossings;
	int			next = 0;
	int			origin;

	backtest_args(fcinfo, point, "backtest_parity()", "backtest_parity_point()", &bt);
	InitMaterializedSRF(fcinfo, MAT_SRF_USE_EXPECTED_DESC);
	/* the observed crossings in time order, then infinity: none after */
	crossings = palloc(sizeof(double) * (bt.n + 1));
	RivalryCrossoverXs(bt.p, crossings, &ncrossings);
	crossings[ncrossings] = INFINITY;
	for (origin = bt.min_periods - 1; origin < bt.n - 1; origin++)
	{
		AdoptionFit fit;
		Datum		values[7];
		bool		nulls[7] = {false};
		double		origin_x = adoption_period_x(bt.p, origin);
		double		crossing;
		double		x;
		double		lower = -INFINITY;
		double		upper = INFINITY;

		CHECK_FOR_INTERRUPTS();
		values[0] = PeriodResult(bt.p, origin, bt.point);
		/* the first crossing after the origin (origins only go forward) */
		while (crossings[next] <= origin_x)
			next++;
		crossing = crossings[next];
		nulls[5] = !XResult(bt.p, crossing, point, &values[5]);
		nulls[1] = nulls[2] = nulls[3] = nulls[4] = nulls[6] = true;
		if (backtest_fit(&bt, origin, &fit))
		{
			nulls[1] = !(adoption_fit_crossing(&fit, ParityLevel(bt.method), &x) &&
						 XResult(bt.p, x, point, &values[1]));
			if (fit.df >= 1)
			{
				adoption_fit_fieller(&fit, ParityLevel(bt.method), FitQuantile(&fit, bt.level),
									 &lower, &upper);
				nulls[2] = !XResult(bt.p, lower, point, &values[2]);
				nulls[3] = !XResult(bt.p, upper, point, &values[3]);
				values[4] = BoolGetDatum(!nulls[2] && !nulls[3]);
				nulls[4] = false;
				if (isfinite(crossing))
				{
					values[6] = BoolGetDatum(lower <= crossing && crossing <= upper);
					nulls[6] = false;
				}
			}
		}
		tuplestore_putvalues(rsinfo->setResult, rsinfo->setDesc, values, nulls);
	}
	return (Datum) 0;
}

PG_FUNCTION_INFO_V1(rivalry_backtest_parity);
Datum
rivalry_backtest_parity(PG_FUNCTION_ARGS)
{
	return backtest_parity(fcinfo, false);
}

PG_FUNCTION_INFO_V1(rivalry_backtest_parity_point);
Datum
rivalry_backtest_parity_point(PG_FUNCTION_ARGS)
{
	return backtest_parity(fcinfo, true);
}
