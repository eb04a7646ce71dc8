/*
 * rows.c
 *	  Set-returning functions and chart rows.
 */
#include "postgres.h"

#include "funcapi.h"
#include "miscadmin.h"
#include "utils/builtins.h"
#include "utils/timestamp.h"
#include "utils/tuplestore.h"

#include "adoption.h"
#include "core/fit.h"
#include "rows.h"
#include "sqltime.h"

void
PutScalarRow(FunctionCallInfo fcinfo, Datum value)
{
	ReturnSetInfo *rsinfo = (ReturnSetInfo *) fcinfo->resultinfo;
	bool		isnull = false;

	tuplestore_putvalues(rsinfo->setResult, rsinfo->setDesc, &value, &isnull);
}

void
ChartAxisArgs(FunctionCallInfo fcinfo, const AdoptionPeriods *p, bool point, ChartAxis *axis)
{
	memset(axis, 0, sizeof(*axis));
	axis->point = point;
	if (point)
	{
		axis->until_point = PG_GETARG_FLOAT8(1);
		axis->step_point = PG_GETARG_FLOAT8(2);
		CheckFinite(axis->until_point, "until");
		CheckFinite(axis->step_point, "step");
		if (!(axis->step_point > 0.0))
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("step must be positive"),
					 errdetail("step is %g.", axis->step_point)));
		return;
	}
	CheckInstantKind(p, "projection()", "projection_point()");
	axis->until = PG_GETARG_TIMESTAMPTZ(1);
	axis->step = PG_GETARG_INTERVAL_P(2);
	CheckProjectionArgs(axis->until, axis->step);
}

ChartBand
BandArg(FunctionCallInfo fcinfo, int argno)
{
	char	   *name;

	/* the declaration before 0.5.0 has no band */
	if (PG_NARGS() <= argno)
		return BAND_CONFIDENCE;
	name = text_to_cstring(PG_GETARG_TEXT_PP(argno));
	if (strcmp(name, "confidence") == 0)
		return BAND_CONFIDENCE;
	if (strcmp(name, "prediction") == 0)
		return BAND_PREDICTION;
	ereport(ERROR,
			(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
			 errmsg("invalid band \"%s\"", name),
			 errhint("Valid bands are \"confidence\" (of the fitted line) and \"prediction\" (of one more period's observation).")));
	pg_unreachable();
}

double
BandHalfWidth(const AdoptionFit *fit, ChartBand band, AdoptionMethod method, double q,
			  double x, double total)
{
	if (band == BAND_CONFIDENCE)
		return q * adoption_fit_se(fit, x);
	return q * adoption_fit_prediction_se(fit, method, x, total);
}

static void
put_row(FunctionCallInfo fcinfo, const AdoptionPeriods *p, const ChartAxis *axis,
		TimestampTz t, double x, int period, int ncols, ProjectionRowFn row, void *arg)
{
	ReturnSetInfo *rsinfo = (ReturnSetInfo *) fcinfo->resultinfo;
	Datum	   *values = palloc(sizeof(Datum) * ncols);
	bool	   *nulls = palloc(sizeof(bool) * ncols);
	int			c;

	values[0] = axis->point ? Float8GetDatum(XPoint(p, x)) : TimestampTzGetDatum(t);
	nulls[0] = false;
	for (c = 1; c < ncols; c++)
	{
		values[c] = (Datum) 0;
		nulls[c] = true;
	}
	row(arg, x, period, values, nulls);
	tuplestore_putvalues(rsinfo->setResult, rsinfo->setDesc, values, nulls);
	pfree(values);
	pfree(nulls);
}

static void
report_cut_short(int64 steps)
{
	ereport(NOTICE,
			(errmsg("projection cut short after %lld steps", (long long) steps),
			 errdetail("A projection has at most adoption.max_periods steps after the last period."),
			 errhint("Use a longer step or an earlier until, or raise adoption.max_periods.")));
}

void
ProjectionRows(FunctionCallInfo fcinfo, const AdoptionPeriods *p, const ChartAxis *axis,
			   int ncols, ProjectionRowFn row, void *arg)
{
	double		prev;
	int64		k;
	int			i;

	for (i = 0; i < p->nperiods; i++)
	{
		CHECK_FOR_INTERRUPTS();
		put_row(fcinfo, p, axis, adoption_key(p, i), adoption_period_x(p, i), i, ncols, row, arg);
	}
	if (p->nperiods == 0)
		return;
	prev = XPoint(p, adoption_period_x(p, p->nperiods - 1));
	for (k = 1;; k++)
	{
		TimestampTz t = 0;
		double		x;

		if (axis->point)
		{
			/*
			 * The last period's point plus k steps: a multiple, so steps do
			 * not drift.  A step too small to move the point ends the rows.
			 */
			double		point = XPoint(p, adoption_period_x(p, p->nperiods - 1)) +
				(double) k * axis->step_point;

			if (!(point <= axis->until_point) || !(point > prev))
				break;
			prev = point;
			x = adoption_point_x((AdoptionTimeKind) p->kind, adoption_key(p, 0), point);
		}
		else
		{
			t = ProjectionStep(adoption_key(p, p->nperiods - 1), axis->step, k);
			if (t > axis->until)
				break;
			x = InstantX(p, t);
		}
		if (k > adoption_max_periods)
		{
			report_cut_short(k - 1);
			break;
		}
		CHECK_FOR_INTERRUPTS();
		put_row(fcinfo, p, axis, t, x, -1, ncols, row, arg);
	}
}
