/*
 * rows.c
 *	  Set-returning functions and chart rows.
 */
#include "postgres.h"

#include "funcapi.h"
#include "miscadmin.h"
#include "utils/timestamp.h"
#include "utils/tuplestore.h"

#include "core/fit.h"
#include "rows.h"
#include "sqltime.h"

void
InitScalarSRF(FunctionCallInfo fcinfo, Oid typid)
{
	ReturnSetInfo *rsinfo = (ReturnSetInfo *) fcinfo->resultinfo;
	MemoryContext old;
	TupleDesc	tupdesc;

	if (rsinfo == NULL || !IsA(rsinfo, ReturnSetInfo) ||
		!(rsinfo->allowedModes & SFRM_Materialize))
		ereport(ERROR,
				(errcode(ERRCODE_FEATURE_NOT_SUPPORTED),
				 errmsg("set-valued function called in context that cannot accept a set")));
	old = MemoryContextSwitchTo(rsinfo->econtext->ecxt_per_query_memory);
	tupdesc = CreateTemplateTupleDesc(1);
	TupleDescInitEntry(tupdesc, (AttrNumber) 1, "value", typid, -1, 0);
	rsinfo->setDesc = tupdesc;
	rsinfo->setResult = tuplestore_begin_heap(false, false, work_mem);
	rsinfo->returnMode = SFRM_Materialize;
	MemoryContextSwitchTo(old);
}

void
PutScalarRow(FunctionCallInfo fcinfo, Datum value)
{
	ReturnSetInfo *rsinfo = (ReturnSetInfo *) fcinfo->resultinfo;
	bool		isnull = false;

	tuplestore_putvalues(rsinfo->setResult, rsinfo->setDesc, &value, &isnull);
}

static void
put_row(FunctionCallInfo fcinfo, TimestampTz t, double x, int period, int ncols,
		ProjectionRowFn row, void *arg)
{
	ReturnSetInfo *rsinfo = (ReturnSetInfo *) fcinfo->resultinfo;
	Datum	   *values = palloc(sizeof(Datum) * ncols);
	bool	   *nulls = palloc(sizeof(bool) * ncols);
	int			c;

	values[0] = TimestampTzGetDatum(t);
	nulls[0] = false;
	for (c = 1; c < ncols; c++)
	{
		values[c] = (Datum) 0;
		nulls[c] = true;
	}
	row(arg, t, x, period, values, nulls);
	tuplestore_putvalues(rsinfo->setResult, rsinfo->setDesc, values, nulls);
	pfree(values);
	pfree(nulls);
}

void
ProjectionRows(FunctionCallInfo fcinfo, const AdoptionPeriods *p, TimestampTz until,
			   Interval *step, int ncols, ProjectionRowFn row, void *arg)
{
	TimestampTz last;
	int64		k;
	int			i;

	for (i = 0; i < p->nperiods; i++)
	{
		CHECK_FOR_INTERRUPTS();
		put_row(fcinfo, adoption_key(p, i), adoption_period_x(p, i), i, ncols, row, arg);
	}
	if (p->nperiods == 0)
		return;
	last = adoption_key(p, p->nperiods - 1);
	for (k = 1;; k++)
	{
		TimestampTz t = ProjectionStep(last, step, k);

		if (t > until)
			break;
		CHECK_FOR_INTERRUPTS();
		put_row(fcinfo, t, InstantX(p, t), -1, ncols, row, arg);
	}
}
