/*
 * unnest.c
 *	  unnest(rivalry), unnest(trend), unnest(market): the periods of a
 *	  stored summary as rows, so that "how did the ratio change per year"
 *	  needs no raw table.
 */
#include "postgres.h"

#include <math.h>

#include "funcapi.h"
#include "miscadmin.h"
#include "utils/builtins.h"
#include "utils/timestamp.h"
#include "utils/tuplestore.h"

#include "core/exact.h"
#include "core/labels.h"
#include "summary.h"

/* The columns every unnest() begins with: time (NULL over numeric time), point. */
static void
put_when(const AdoptionPeriods *p, int i, Datum *values, bool *nulls)
{
	int64		key = adoption_key(p, i);

	nulls[0] = p->kind == ADOPTION_TIME_NUMBER;
	values[0] = nulls[0] ? (Datum) 0 : TimestampTzGetDatum(key);
	values[1] = Float8GetDatum(adoption_key_point((AdoptionTimeKind) p->kind, key));
	nulls[1] = false;
}

/* A quotient, NULL (false) when the divisor is zero or it overflows. */
static bool
quotient(double n, double d, Datum *value)
{
	double		q;

	if (d == 0.0)
		return false;
	q = n / d;
	*value = Float8GetDatum(q);
	return isfinite(q);
}

/* unnest(r): time, point, a, b, a_rows, b_rows, share, ratio per period */
PG_FUNCTION_INFO_V1(rivalry_unnest);
Datum
rivalry_unnest(PG_FUNCTION_ARGS)
{
	ReturnSetInfo *rsinfo = (ReturnSetInfo *) fcinfo->resultinfo;
	AdoptionPeriods *p = PG_GETARG_RIVALRY(0);
	int			i;

	InitMaterializedSRF(fcinfo, MAT_SRF_USE_EXPECTED_DESC);
	for (i = 0; i < p->nperiods; i++)
	{
		Datum		values[8];
		bool		nulls[8] = {false};
		double		a = adoption_sum(p, i, 0);
		double		b = adoption_sum(p, i, 1);

		CHECK_FOR_INTERRUPTS();
		put_when(p, i, values, nulls);
		values[2] = Float8GetDatum(a);
		values[3] = Float8GetDatum(b);
		values[4] = Int64GetDatum(adoption_rows(p, i, 0));
		values[5] = Int64GetDatum(adoption_rows(p, i, 1));
		/* a + b may overflow where a and b do not: then halve both */
		nulls[6] = !(isfinite(a + b) ? quotient(a, a + b, &values[6]) :
					 quotient(a / 2.0, a / 2.0 + b / 2.0, &values[6]));
		nulls[7] = !quotient(a, b, &values[7]);
		tuplestore_putvalues(rsinfo->setResult, rsinfo->setDesc, values, nulls);
	}
	return (Datum) 0;
}

/* unnest(tr): time, point, value, rows per period */
PG_FUNCTION_INFO_V1(trend_unnest);
Datum
trend_unnest(PG_FUNCTION_ARGS)
{
	ReturnSetInfo *rsinfo = (ReturnSetInfo *) fcinfo->resultinfo;
	AdoptionPeriods *p = PG_GETARG_TREND(0);
	int			i;

	InitMaterializedSRF(fcinfo, MAT_SRF_USE_EXPECTED_DESC);
	for (i = 0; i < p->nperiods; i++)
	{
		Datum		values[4];
		bool		nulls[4] = {false};

		CHECK_FOR_INTERRUPTS();
		put_when(p, i, values, nulls);
		values[2] = Float8GetDatum(adoption_sum(p, i, 0));
		values[3] = Int64GetDatum(adoption_rows(p, i, 0));
		tuplestore_putvalues(rsinfo->setResult, rsinfo->setDesc, values, nulls);
	}
	return (Datum) 0;
}

/* Order labels by their value in one period, largest first. */
static int
value_desc_cmp(const void *a, const void *b, void *arg)
{
	const double *v = arg;
	double		va = v[*(const int *) a];
	double		vb = v[*(const int *) b];

	return (va < vb) - (va > vb);
}

/* The rank() of every label in period i, largest value first, ties sharing. */
static void
period_ranks(const AdoptionPeriods *m, int i, int *order, int *ranks)
{
	double	   *v = palloc(sizeof(double) * m->nseries);
	int			s;

	for (s = 0; s < m->nseries; s++)
	{
		v[s] = adoption_sum(m, i, s);
		order[s] = s;
	}
	qsort_arg(order, m->nseries, sizeof(int), value_desc_cmp, v);
	for (s = 0; s < m->nseries; s++)
		ranks[order[s]] = s > 0 && v[order[s]] == v[order[s - 1]] ? ranks[order[s - 1]] : s + 1;
	pfree(v);
}

/*
 * unnest(m): time, point, label, value, rows, share and rank per period and
 * label, every label in every period (a label not observed in a period has
 * value 0 and rows 0).  The share is of the period's total; the rank is
 * rank() over the period's values, largest first (ties share a rank).
 */
PG_FUNCTION_INFO_V1(market_unnest);
Datum
market_unnest(PG_FUNCTION_ARGS)
{
	ReturnSetInfo *rsinfo = (ReturnSetInfo *) fcinfo->resultinfo;
	AdoptionPeriods *m = PG_GETARG_MARKET(0);
	AdoptionLabel *labels = palloc(sizeof(AdoptionLabel) * m->nseries);
	int		   *order = palloc(sizeof(int) * m->nseries);
	int		   *ranks = palloc(sizeof(int) * m->nseries);
	int			i;
	int			s;

	adoption_labels_load(adoption_labels_at(m), NULL, labels, m->nseries);
	InitMaterializedSRF(fcinfo, MAT_SRF_USE_EXPECTED_DESC);
	for (i = 0; i < m->nperiods; i++)
	{
		AdoptionSum sum = {0};
		double		total;

		CHECK_FOR_INTERRUPTS();
		for (s = 0; s < m->nseries; s++)
			adoption_sum_add(&sum, adoption_sum(m, i, s));
		total = adoption_sum_value(&sum);
		period_ranks(m, i, order, ranks);
		for (s = 0; s < m->nseries; s++)
		{
			Datum		values[7];
			bool		nulls[7] = {false};
			double		v = adoption_sum(m, i, s);
			text	   *name = cstring_to_text_with_len(labels[s].data, labels[s].len);

			put_when(m, i, values, nulls);
			values[2] = PointerGetDatum(name);
			values[3] = Float8GetDatum(v);
			values[4] = Int64GetDatum(adoption_rows(m, i, s));
			nulls[5] = !quotient(v, total, &values[5]);
			values[6] = Int32GetDatum(ranks[s]);
			tuplestore_putvalues(rsinfo->setResult, rsinfo->setDesc, values, nulls);
			pfree(name);
		}
	}
	return (Datum) 0;
}
