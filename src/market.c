/*
 * market.c
 *	  Accessors of the market summary: any number of contenders over time.
 *
 * A market is a summary with one series per label, its labels sorted
 * bytewise after the entries (src/core/periods.h).
 */
#include "postgres.h"

#include <math.h>

#include "access/htup_details.h"
#include "catalog/pg_type_d.h"
#include "funcapi.h"
#include "utils/array.h"
#include "utils/builtins.h"

#include "adoption.h"
#include "core/exact.h"
#include "sqltime.h"
#include "summary.h"

/* A market's labels, pointing into it. */
static AdoptionLabel *
market_labels(const AdoptionPeriods *m)
{
	AdoptionLabel *labels = palloc(sizeof(AdoptionLabel) * m->nseries);

	adoption_labels_load(adoption_labels_at(m), NULL, labels, m->nseries);
	return labels;
}

/* A period's total over all labels, compensated. */
static double
period_total(const AdoptionPeriods *m, int i)
{
	AdoptionSum total = {0};
	int			s;

	for (s = 0; s < m->nseries; s++)
		adoption_sum_add(&total, adoption_sum(m, i, s));
	return adoption_sum_value(&total);
}

/*
 * The label leading period i: the one with the largest value, -1 when two
 * share the largest or nothing was observed.
 */
static int
period_leader(const AdoptionPeriods *m, int i)
{
	int			best = -1;
	bool		tied = false;
	int			s;

	for (s = 0; s < m->nseries; s++)
	{
		double		v = adoption_sum(m, i, s);

		if (best < 0 || v > adoption_sum(m, i, best))
		{
			best = s;
			tied = false;
		}
		else if (v == adoption_sum(m, i, best))
			tied = true;
	}
	if (best < 0 || tied || adoption_sum(m, i, best) == 0.0)
		return -1;
	return best;
}

static text *
label_text(const AdoptionLabel *label)
{
	return cstring_to_text_with_len(label->data, label->len);
}

/*
 * shares(m): per label, its share of the last period, its share over all
 * periods, and its rank in the last period (1 the largest; ties share a
 * rank, as rank() does).
 */
PG_FUNCTION_INFO_V1(market_shares);
Datum
market_shares(PG_FUNCTION_ARGS)
{
	ReturnSetInfo *rsinfo = (ReturnSetInfo *) fcinfo->resultinfo;
	AdoptionPeriods *m = PG_GETARG_MARKET(0);
	AdoptionLabel *labels = market_labels(m);
	int			last = m->nperiods - 1;
	double		last_total;
	AdoptionSum grand = {0};
	double		grand_total;
	int			s;

	InitMaterializedSRF(fcinfo, MAT_SRF_USE_EXPECTED_DESC);
	if (m->nperiods == 0)
		return (Datum) 0;
	last_total = period_total(m, last);
	for (s = 0; s < m->nseries; s++)
	{
		int			i;

		for (i = 0; i < m->nperiods; i++)
			adoption_sum_add(&grand, adoption_sum(m, i, s));
	}
	grand_total = adoption_sum_value(&grand);
	for (s = 0; s < m->nseries; s++)
	{
		Datum		values[4];
		bool		nulls[4] = {false, false, false, false};
		AdoptionSum overall = {0};
		double		v = adoption_sum(m, last, s);
		int			rank = 1;
		int			o;
		int			i;

		for (i = 0; i < m->nperiods; i++)
			adoption_sum_add(&overall, adoption_sum(m, i, s));
		for (o = 0; o < m->nseries; o++)
			if (adoption_sum(m, last, o) > v)
				rank++;
		values[0] = PointerGetDatum(label_text(&labels[s]));
		values[1] = Float8GetDatum(last_total > 0.0 ? v / last_total : 0.0);
		nulls[1] = !(last_total > 0.0);
		values[2] = Float8GetDatum(grand_total > 0.0 ? adoption_sum_value(&overall) / grand_total : 0.0);
		nulls[2] = !(grand_total > 0.0);
		values[3] = Int32GetDatum(rank);
		tuplestore_putvalues(rsinfo->setResult, rsinfo->setDesc, values, nulls);
	}
	return (Datum) 0;
}

/* leader(m): the label leading the last period; NULL on a tie */
PG_FUNCTION_INFO_V1(market_leader);
Datum
market_leader(PG_FUNCTION_ARGS)
{
	AdoptionPeriods *m = PG_GETARG_MARKET(0);
	int			leader;

	if (m->nperiods == 0)
		PG_RETURN_NULL();
	leader = period_leader(m, m->nperiods - 1);
	if (leader < 0)
		PG_RETURN_NULL();
	PG_RETURN_TEXT_P(label_text(&market_labels(m)[leader]));
}

/* hhi(m): the sum of squared shares of the last period, 0 to 1 */
PG_FUNCTION_INFO_V1(market_hhi);
Datum
market_hhi(PG_FUNCTION_ARGS)
{
	AdoptionPeriods *m = PG_GETARG_MARKET(0);
	int			last = m->nperiods - 1;
	double		total;
	AdoptionSum hhi = {0};
	int			s;

	if (m->nperiods == 0)
		PG_RETURN_NULL();
	total = period_total(m, last);
	if (!(total > 0.0))
		PG_RETURN_NULL();
	for (s = 0; s < m->nseries; s++)
	{
		double		share = adoption_sum(m, last, s) / total;

		adoption_sum_add(&hhi, share * share);
	}
	PG_RETURN_FLOAT8(adoption_sum_value(&hhi));
}

/*
 * leader_changes(m), leader_change_points(m): a row for every period whose
 * leader differs from the last period that had one (periods tied at the
 * top have none), at its time or point.
 */
static Datum
leader_changes(FunctionCallInfo fcinfo, bool point)
{
	ReturnSetInfo *rsinfo = (ReturnSetInfo *) fcinfo->resultinfo;
	AdoptionPeriods *m = PG_GETARG_MARKET(0);
	AdoptionLabel *labels = market_labels(m);
	int			previous = -1;
	int			i;

	if (!point)
		CheckInstantKind(m, "leader_changes()", "leader_change_points()");
	InitMaterializedSRF(fcinfo, MAT_SRF_USE_EXPECTED_DESC);
	for (i = 0; i < m->nperiods; i++)
	{
		int			leader = period_leader(m, i);

		if (leader < 0)
			continue;
		if (previous >= 0 && leader != previous)
		{
			Datum		values[3];
			bool		nulls[3] = {false, false, false};

			values[0] = PeriodResult(m, i, point);
			values[1] = PointerGetDatum(label_text(&labels[previous]));
			values[2] = PointerGetDatum(label_text(&labels[leader]));
			tuplestore_putvalues(rsinfo->setResult, rsinfo->setDesc, values, nulls);
		}
		previous = leader;
	}
	return (Datum) 0;
}

PG_FUNCTION_INFO_V1(market_leader_changes);
Datum
market_leader_changes(PG_FUNCTION_ARGS)
{
	return leader_changes(fcinfo, false);
}

PG_FUNCTION_INFO_V1(market_leader_change_points);
Datum
market_leader_change_points(PG_FUNCTION_ARGS)
{
	return leader_changes(fcinfo, true);
}

/*
 * rivalry(m, a_label, b_label): the rivalry of two labels, equal to
 * rivalry_agg(time, label, value, a_label, b_label) over the same rows.
 */
PG_FUNCTION_INFO_V1(market_rivalry);
Datum
market_rivalry(PG_FUNCTION_ARGS)
{
	AdoptionPeriods *m = PG_GETARG_MARKET(0);
	text	   *a = PG_GETARG_TEXT_PP(1);
	text	   *b = PG_GETARG_TEXT_PP(2);
	int			ia = adoption_labels_find(adoption_labels_at(m), m->nseries,
										  VARDATA_ANY(a), VARSIZE_ANY_EXHDR(a));
	int			ib = adoption_labels_find(adoption_labels_at(m), m->nseries,
										  VARDATA_ANY(b), VARSIZE_ANY_EXHDR(b));
	AdoptionPeriods *r;

	if (VARSIZE_ANY_EXHDR(a) == VARSIZE_ANY_EXHDR(b) &&
		memcmp(VARDATA_ANY(a), VARDATA_ANY(b), VARSIZE_ANY_EXHDR(a)) == 0)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("a_label and b_label cannot be equal"),
				 errdetail("Both are \"%s\".", text_to_cstring(a))));
	r = SummarySelect(m, ia, ib);
	/* no row of either label: rivalry_agg over those rows would be NULL */
	if (r->nperiods == 0)
		PG_RETURN_NULL();
	PG_RETURN_POINTER(r);
}

/* labels(m): the market's labels, sorted */
PG_FUNCTION_INFO_V1(market_label_array);
Datum
market_label_array(PG_FUNCTION_ARGS)
{
	AdoptionPeriods *m = PG_GETARG_MARKET(0);
	AdoptionLabel *labels = market_labels(m);
	Datum	   *elems = palloc(sizeof(Datum) * m->nseries);
	int			s;

	for (s = 0; s < m->nseries; s++)
		elems[s] = PointerGetDatum(label_text(&labels[s]));
	PG_RETURN_ARRAYTYPE_P(construct_array(elems, m->nseries, TEXTOID, -1, false, TYPALIGN_INT));
}
