/*
 * share.c
 *	  Shares of a total: the share() window function and share_interval().
 */
#include "postgres.h"

#include "access/htup_details.h"
#include "fmgr.h"
#include "funcapi.h"
#include "windowapi.h"

#include "adoption.h"
#include "core/distributions.h"
#include "core/exact.h"
#include "core/share.h"

/* What share() remembers of its partition. */
typedef struct SharePartition
{
	bool		summed;			/* total computed yet? */
	double		total;			/* sum of the partition's non-NULL values */
} SharePartition;

/*
 * share(value) OVER (...): value / sum of the partition's non-NULL values.
 *
 * The total is computed once, at the partition's first row, with
 * compensated summation; every value is checked then, so a negative value
 * anywhere in the partition is an error on its first row.  The frame is
 * ignored, as rank() ignores it.
 */
PG_FUNCTION_INFO_V1(share_window);
Datum
share_window(PG_FUNCTION_ARGS)
{
	WindowObject winobj = PG_WINDOW_OBJECT();
	SharePartition *partition;
	bool		isnull;
	Datum		value;

	partition = (SharePartition *)
		WinGetPartitionLocalMemory(winobj, sizeof(SharePartition));

	if (!partition->summed)
	{
		AdoptionSum total = {0};
		int64		row;

		for (row = 0;; row++)
		{
			bool		isout;
			Datum		d;

			d = WinGetFuncArgInPartition(winobj, 0, row, WINDOW_SEEK_HEAD,
										 false, &isnull, &isout);
			if (isout)
				break;
			if (isnull)
				continue;
			CheckObservation(DatumGetFloat8(d), "value");
			adoption_sum_add(&total, DatumGetFloat8(d));
			if (isinf(total.sum))
				ereport(ERROR,
						(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
						 errmsg("value out of range: overflow"),
						 errdetail("The partition's total exceeds the range of double precision.")));
		}
		partition->total = adoption_sum_value(&total);
		partition->summed = true;
	}

	value = WinGetFuncArgCurrent(winobj, 0, &isnull);
	if (isnull || partition->total == 0.0)
		PG_RETURN_NULL();
	PG_RETURN_FLOAT8(DatumGetFloat8(value) / partition->total);
}

/*
 * share_interval(part, total, level): the share part / total with its Wilson
 * score interval at the given confidence level.
 */
PG_FUNCTION_INFO_V1(share_interval);
Datum
share_interval(PG_FUNCTION_ARGS)
{
	double		part = PG_GETARG_FLOAT8(0);
	double		total = PG_GETARG_FLOAT8(1);
	double		level = PG_GETARG_FLOAT8(2);
	TupleDesc	tupdesc;
	Datum		values[3];
	bool		nulls[3] = {false, false, false};
	double		lower;
	double		upper;

	CheckObservation(part, "part");
	CheckObservation(total, "total");
	CheckLevel(level);
	if (part > total)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("part cannot be greater than total"),
				 errdetail("part is %g, total is %g.", part, total)));
	if (total == 0.0)
		PG_RETURN_NULL();

	if (get_call_result_type(fcinfo, NULL, &tupdesc) != TYPEFUNC_COMPOSITE)
		elog(ERROR, "return type must be a row type");
	tupdesc = BlessTupleDesc(tupdesc);

	adoption_wilson(part, total, adoption_qnorm(0.5 + level / 2.0),
					&lower, &upper);
	values[0] = Float8GetDatum(part / total);
	values[1] = Float8GetDatum(lower);
	values[2] = Float8GetDatum(upper);
	PG_RETURN_DATUM(HeapTupleGetDatum(heap_form_tuple(tupdesc, values, nulls)));
}
