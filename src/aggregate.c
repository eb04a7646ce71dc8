/*
 * aggregate.c
 *	  rivalry_agg() and trend_agg(): transition, combine and final functions.
 *
 * The state type is the summary type itself (see DESIGN.md section 4: Citus
 * distributes only aggregates with a real state type), so each state is a
 * varlena period table.  The transition works in place on a working form
 * with spare capacity and an unsorted tail; to grow it, it builds a larger
 * copy in the per-row memory context and returns that, and nodeAgg copies
 * the new value into the aggregate context and frees the old one itself
 * (never repalloc: nodeAgg would free the old pointer a second time).
 */
#include "postgres.h"

#include "fmgr.h"
#include "utils/builtins.h"

#include "adoption.h"
#include "core/codec.h"
#include "summary.h"

/* The first state's size; states grow by doubling their bytes. */
#define INITIAL_BYTES 256


/*
 * The most periods that fit in a state of the given size: palloc rounds
 * small chunks up to a power of two, so states fill those sizes exactly.
 */
static int
capacity_for_bytes(int nseries, size_t bytes)
{
	return (int) ((bytes - adoption_periods_size(nseries, 0)) /
				  (adoption_periods_size(nseries, 1) - adoption_periods_size(nseries, 0)));
}

int
InitialCapacity(int nseries)
{
	return Max(capacity_for_bytes(nseries, INITIAL_BYTES), 1);
}

int
GrownCapacity(const AdoptionPeriods *p)
{
	size_t		bytes;

	/* the next power of two in bytes that holds more periods */
	for (bytes = INITIAL_BYTES; capacity_for_bytes(p->nseries, bytes) <= p->capacity; bytes *= 2)
		;
	return (int) Min((int64) capacity_for_bytes(p->nseries, bytes),
					 (int64) adoption_max_periods + 64);
}

/*
 * The transition state in place: a new table on the first row (the time
 * kind from the time argument's type), else the current one.
 */
static AdoptionPeriods *
transition_state(FunctionCallInfo fcinfo, int nseries, const char *aggname)
{
	AdoptionPeriods *p;
	int			capacity;

	if (!AggCheckCallContext(fcinfo, NULL))
		elog(ERROR, "%s called in non-aggregate context", aggname);
	if (!PG_ARGISNULL(0))
	{
		p = (AdoptionPeriods *) PG_GETARG_POINTER(0);
		/* ours are plain; a state read from a tuple may be packed: unpack a copy */
		if (VARATT_IS_EXTENDED(p))
			p = (AdoptionPeriods *) PG_DETOAST_DATUM_COPY(PG_GETARG_DATUM(0));
		return p;
	}

	capacity = InitialCapacity(nseries);
	p = palloc(adoption_periods_size(nseries, capacity));
	adoption_periods_init(p, TimeKindOfType(get_fn_expr_argtype(fcinfo->flinfo, 1)),
						  nseries, capacity);
	SET_VARSIZE(p, adoption_periods_size(nseries, capacity));
	return p;
}

/*
 * Add an observation to the state; returns the state, or a larger copy of
 * it when it was full.
 */
static AdoptionPeriods *
transition_add(AdoptionPeriods *p, int64 key, const double *values, const int64 *rows)
{
	AdoptionPeriods *grown;
	int			capacity;

	if (adoption_periods_add(p, key, values, rows))
		return p;
	/* full: merging the unsorted tail in may make room */
	adoption_periods_compact(p);
	if (adoption_periods_add(p, key, values, rows))
		return p;

	CheckPeriodCount((int64) p->nperiods + 1);
	capacity = GrownCapacity(p);
	grown = palloc(adoption_periods_size(p->nseries, capacity));
	adoption_periods_copy(grown, p, capacity);
	SET_VARSIZE(grown, adoption_periods_size(p->nseries, capacity));
	if (!adoption_periods_add(grown, key, values, rows))
		elog(ERROR, "could not add a period to a grown summary");
	return grown;
}

/* rivalry_agg(time, a, b): wide rows, a and b observed in the same period. */
PG_FUNCTION_INFO_V1(rivalry_wide_transfn);
Datum
rivalry_wide_transfn(PG_FUNCTION_ARGS)
{
	AdoptionPeriods *p;
	double		values[RIVALRY_SERIES];
	int64		rows[RIVALRY_SERIES] = {1, 1};
	int64		key;

	if (PG_ARGISNULL(1) || PG_ARGISNULL(2) || PG_ARGISNULL(3))
		PG_RETURN_STATE_UNCHANGED();
	p = transition_state(fcinfo, RIVALRY_SERIES, "rivalry_agg");
	key = TimeKey(PG_GETARG_DATUM(1), (AdoptionTimeKind) p->kind, "time");
	values[0] = PG_GETARG_FLOAT8(2);
	values[1] = PG_GETARG_FLOAT8(3);
	CheckObservation(values[0], "a");
	CheckObservation(values[1], "b");
	PG_RETURN_POINTER(transition_add(p, key, values, rows));
}

/* Text equality, bytewise: labels are names, not words to collate. */
static bool
label_equal(text *a, text *b)
{
	return VARSIZE_ANY_EXHDR(a) == VARSIZE_ANY_EXHDR(b) &&
		memcmp(VARDATA_ANY(a), VARDATA_ANY(b), VARSIZE_ANY_EXHDR(a)) == 0;
}

/*
 * rivalry_agg(time, label, value, a_label, b_label): long rows; a row whose
 * label is a_label feeds a, b_label feeds b, any other is ignored.
 */
PG_FUNCTION_INFO_V1(rivalry_long_transfn);
Datum
rivalry_long_transfn(PG_FUNCTION_ARGS)
{
	AdoptionPeriods *p;
	text	   *label;
	text	   *a_label;
	text	   *b_label;
	double		values[RIVALRY_SERIES] = {0, 0};
	int64		rows[RIVALRY_SERIES] = {0, 0};
	int			series;
	double		value;
	int64		key;

	if (PG_ARGISNULL(4) || PG_ARGISNULL(5))
		ereport(ERROR,
				(errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
				 errmsg("%s cannot be null", PG_ARGISNULL(4) ? "a_label" : "b_label")));
	if (PG_ARGISNULL(1) || PG_ARGISNULL(2) || PG_ARGISNULL(3))
		PG_RETURN_STATE_UNCHANGED();
	label = PG_GETARG_TEXT_PP(2);
	a_label = PG_GETARG_TEXT_PP(4);
	b_label = PG_GETARG_TEXT_PP(5);
	if (label_equal(a_label, b_label))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("a_label and b_label cannot be equal"),
				 errdetail("Both are \"%s\".", text_to_cstring(a_label))));
	if (label_equal(label, a_label))
		series = 0;
	else if (label_equal(label, b_label))
		series = 1;
	else
		PG_RETURN_STATE_UNCHANGED(); /* not a contender of this rivalry */
	p = transition_state(fcinfo, RIVALRY_SERIES, "rivalry_agg");
	key = TimeKey(PG_GETARG_DATUM(1), (AdoptionTimeKind) p->kind, "time");
	value = PG_GETARG_FLOAT8(3);
	CheckObservation(value, "value");
	values[series] = value;
	rows[series] = 1;
	PG_RETURN_POINTER(transition_add(p, key, values, rows));
}

/* trend_agg(time, value) */
PG_FUNCTION_INFO_V1(trend_transfn);
Datum
trend_transfn(PG_FUNCTION_ARGS)
{
	AdoptionPeriods *p;
	double		value;
	int64		rows = 1;
	int64		key;

	if (PG_ARGISNULL(1) || PG_ARGISNULL(2))
		PG_RETURN_STATE_UNCHANGED();
	p = transition_state(fcinfo, TREND_SERIES, "trend_agg");
	key = TimeKey(PG_GETARG_DATUM(1), (AdoptionTimeKind) p->kind, "time");
	value = PG_GETARG_FLOAT8(2);
	CheckObservation(value, "value");
	PG_RETURN_POINTER(transition_add(p, key, &value, &rows));
}

/*
 * Merge two summaries into a new canonical one.  Either may be a working
 * form (a partial state from a parallel worker) or packed (read from a
 * tuple): both are detoasted and compacted first.
 */
AdoptionPeriods *
MergeSummaries(AdoptionPeriods *a, AdoptionPeriods *b)
{
	AdoptionPeriods *merged;

	a = Canonical(a);
	b = Canonical(b);
	CheckSameKind(a, b);
	merged = palloc(adoption_periods_size(a->nseries, a->nperiods + b->nperiods));
	adoption_periods_merge(merged, a, b);
	CheckPeriodCount(merged->nperiods);
	SET_VARSIZE(merged, adoption_periods_size(merged->nseries, merged->nperiods));
	return merged;
}

/* Combine function of every summary aggregate (strict: PostgreSQL copies a lone state). */
PG_FUNCTION_INFO_V1(summary_combine);
Datum
summary_combine(PG_FUNCTION_ARGS)
{
	if (!AggCheckCallContext(fcinfo, NULL))
		elog(ERROR, "summary_combine called in non-aggregate context");
	PG_RETURN_POINTER(MergeSummaries(PG_GETARG_PERIODS(0), PG_GETARG_PERIODS(1)));
}

/* Final function: the canonical form. */
PG_FUNCTION_INFO_V1(summary_final);
Datum
summary_final(PG_FUNCTION_ARGS)
{
	AdoptionPeriods *p = PG_GETARG_PERIODS(0);
	AdoptionPeriods *copy;

	/* a copy even when canonical: the state stays the aggregate's */
	copy = palloc(adoption_periods_size(p->nseries, p->nperiods));
	adoption_periods_copy(copy, p, p->nperiods);
	adoption_periods_compact(copy);
	copy->capacity = copy->nperiods;
	CheckPeriodCount(copy->nperiods);
	SET_VARSIZE(copy, adoption_periods_size(copy->nseries, copy->nperiods));
	PG_RETURN_POINTER(copy);
}
