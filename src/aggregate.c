/*
 * aggregate.c
 *	  rivalry_agg() and trend_agg(): transition, combine and final functions.
 *
 * The state type is the summary type itself (see DESIGN.md section 4: Citus
 * distributes only aggregates with a real state type).  Inside one
 * aggregate, each group's state is that type as an expanded object (below):
 * the transition works in place on a working form of the period table, with
 * spare capacity and an unsorted tail, and returns the same pointer every
 * row.  To grow, the table is copied into a larger palloc'd chunk and the
 * old one freed; never repalloc.  The combine and final functions take and
 * return flat, canonical summaries.
 */
#include "postgres.h"

#include "fmgr.h"
#include "utils/builtins.h"
#include "utils/expandeddatum.h"
#include "utils/memutils.h"

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
 * A transition state is an expanded object (utils/expandeddatum.h): a small
 * header that stays where it is for the whole group, pointing to the period
 * table, which lives in a context of its own and moves when it grows.
 *
 * Why not the flat varlena itself: nodeAgg copies every new state pointer a
 * transition returns into the aggregate context, so each growth would cost
 * two copies, and in PostgreSQL 15 hash aggregation keeps its group keys in
 * that same context, so kilobytes of states would scatter the keys it reads
 * on every row.  A read-write expanded object whose context is a child of
 * the aggregate context is kept as it is (ExecAggTransReparent), and the
 * tables stay out of the keys' way.  All the tables of one aggregate context
 * share one child context: a context per state would make hash
 * aggregation's memory accounting, which walks every child, quadratic.  It
 * is a generation context: the groups of an aggregate grow at about the same
 * pace, so their outgrown tables are freed in about the order they were
 * allocated, and a generation context returns each block once its last
 * table is freed, where an AllocSet would keep every freed size for a reuse
 * that never comes (half the memory of the benchmark's GROUP BY).  Either
 * way the freed tables are at most the live ones: each growth doubles.
 *
 * Wherever the state leaves the transition (the final function, a partial
 * aggregate's output, a tuple), PostgreSQL flattens it with the methods
 * below into the canonical varlena.
 */
typedef struct ExpandedSummary
{
	ExpandedObjectHeader hdr;
	AdoptionPeriods *periods;	/* working form, in hdr.eoh_context */

	/*
	 * What the fast paths of transition_add() need, kept here so that a row
	 * reads no more of the table than the entries it probes (in a big
	 * GROUP BY its lines are rarely in cache; a row in time order only
	 * writes): copies of the table's nperiods, nsorted and capacity, the
	 * keys of its first, last sorted and last entries, and the lookup's
	 * interpolation scale.  summary_sync() sets them after anything else
	 * changed the table.
	 */
	int64		first_key;
	int64		sorted_last_key;
	int64		last_key;
	double		scale;			/* (nsorted - 1) / (sorted_last_key - first_key) */
	int32		scale_for;		/* nsorted when scale was computed, or 0 */
	int32		nperiods;
	int32		nsorted;
	int32		capacity;
	uint8		kind;			/* AdoptionTimeKind */
} ExpandedSummary;

#define SUMMARIES_CONTEXT_NAME "adoption summaries"

/* Copy the table's fields the append path reads into the header. */
static inline void
summary_sync(ExpandedSummary *es)
{
	AdoptionPeriods *p = es->periods;

	es->nperiods = p->nperiods;
	es->nsorted = p->nsorted;
	es->capacity = p->capacity;
	es->kind = p->kind;
	es->first_key = p->nperiods > 0 ? adoption_key(p, 0) : 0;
	es->sorted_last_key = p->nsorted > 0 ? adoption_key(p, p->nsorted - 1) : 0;
	es->last_key = p->nperiods > 0 ? adoption_key(p, p->nperiods - 1) : 0;
	es->scale_for = 0;
}

static Size
summary_get_flat_size(ExpandedObjectHeader *eohptr)
{
	ExpandedSummary *es = (ExpandedSummary *) eohptr;

	/* sorting the tail in changes no value, only the representation */
	adoption_periods_compact(es->periods);
	summary_sync(es);
	return adoption_periods_size(es->periods->nseries, es->periods->nperiods);
}

static void
summary_flatten_into(ExpandedObjectHeader *eohptr, void *result, Size allocated_size)
{
	ExpandedSummary *es = (ExpandedSummary *) eohptr;
	AdoptionPeriods *flat = (AdoptionPeriods *) result;

	adoption_periods_compact(es->periods);
	summary_sync(es);
	if (allocated_size != adoption_periods_size(es->periods->nseries, es->periods->nperiods))
		elog(ERROR, "wrong size for a flattened summary");
	adoption_periods_copy(flat, es->periods, es->periods->nperiods);
	SET_VARSIZE(flat, allocated_size);
}

static const ExpandedObjectMethods summary_methods = {
	summary_get_flat_size,
	summary_flatten_into
};

/* The child of the aggregate context that holds its period tables. */
static MemoryContext
summaries_context(MemoryContext aggcontext)
{
	MemoryContext child;

	for (child = aggcontext->firstchild; child != NULL; child = child->nextchild)
		if (strcmp(child->name, SUMMARIES_CONTEXT_NAME) == 0)
			return child;
	return GenerationContextCreate(aggcontext, SUMMARIES_CONTEXT_NAME, ALLOCSET_DEFAULT_SIZES);
}

/* A table of the given capacity in the summaries' context. */
static AdoptionPeriods *
allocate_periods(ExpandedSummary *es, int nseries, int capacity)
{
	AdoptionPeriods *p;

	p = MemoryContextAlloc(es->hdr.eoh_context, adoption_periods_size(nseries, capacity));
	SET_VARSIZE(p, adoption_periods_size(nseries, capacity));
	return p;
}

/*
 * A new transition state: empty on a group's first row, with the time kind
 * of the time argument's type, or a copy of a flat state nodeAgg handed over
 * (an aggregate of the user's with an INITCOND).
 */
static pg_noinline ExpandedSummary *
transition_state_new(FunctionCallInfo fcinfo, int nseries, const char *aggname)
{
	MemoryContext aggcontext;
	ExpandedSummary *es;

	if (!AggCheckCallContext(fcinfo, &aggcontext))
		elog(ERROR, "%s called in non-aggregate context", aggname);

	es = MemoryContextAlloc(aggcontext, sizeof(ExpandedSummary));
	EOH_init_header(&es->hdr, &summary_methods, summaries_context(aggcontext));
	if (PG_ARGISNULL(0))
	{
		int			capacity = InitialCapacity(nseries);

		es->periods = allocate_periods(es, nseries, capacity);
		adoption_periods_init(es->periods, ArgumentTimeKind(fcinfo), nseries, capacity);
	}
	else
	{
		AdoptionPeriods *flat = PG_GETARG_PERIODS(0);

		CheckStateKind(flat, fcinfo);
		es->periods = allocate_periods(es, flat->nseries, flat->nperiods);
		adoption_periods_copy(es->periods, flat, flat->nperiods);
	}
	summary_sync(es);
	return es;
}

/*
 * The transition state: the expanded object of the first argument, or a new
 * one.  A read-write pointer to one of ours may be changed in place, as the
 * expanded-object protocol allows: only nodeAgg and WindowAgg hand them out.
 */
static pg_attribute_always_inline ExpandedSummary *
transition_state(FunctionCallInfo fcinfo, int nseries, const char *aggname)
{
	if (!PG_ARGISNULL(0) && VARATT_IS_EXTERNAL_EXPANDED_RW(PG_GETARG_POINTER(0)))
	{
		varatt_expanded ptr;

		/* DatumGetEOHP(), without the call */
		memcpy(&ptr, VARDATA_EXTERNAL(PG_GETARG_POINTER(0)), sizeof(ptr));
		if (ptr.eohptr->eoh_methods == &summary_methods)
			return (ExpandedSummary *) ptr.eohptr;
	}
	return transition_state_new(fcinfo, nseries, aggname);
}

/*
 * Add an observation of a period transition_add() did not find: at the
 * end of the table; a full table is compacted, then moved to a larger one
 * (palloc and copy; the old one is freed).
 */
static pg_noinline Datum
transition_add_slow(ExpandedSummary *es, int64 key, const double *values, const int64 *rows)
{
	AdoptionPeriods *p = es->periods;

	/* transition_add() has looked in the sorted part and at the last period */
	if (!adoption_periods_add_new(p, key, values, rows))
	{
		/* full: merging the unsorted tail in may make room */
		adoption_periods_compact(p);
		if (!adoption_periods_add(p, key, values, rows))
		{
			AdoptionPeriods *grown;
			int			capacity;

			CheckPeriodCount((int64) p->nperiods + 1);
			capacity = GrownCapacity(p);
			grown = allocate_periods(es, p->nseries, capacity);
			adoption_periods_copy(grown, p, capacity);
			es->periods = grown;
			pfree(p);
			if (!adoption_periods_add(grown, key, values, rows))
				elog(ERROR, "could not add a period to a grown summary");
		}
	}
	summary_sync(es);
	return EOHPGetRWDatum(&es->hdr);
}

/* adoption_entry() with the series count known: no read of the table's header */
static inline AdoptionSlot *
entry_of(AdoptionPeriods *p, int nseries, int i)
{
	return p->slots + (size_t) i * (1 + 2 * nseries);
}

/*
 * Add an observation to the state.  The last row's period, the next period
 * (when there is room for it), or a period of the sorted part is written
 * straight to the table; a period not found there takes
 * transition_add_slow().
 */
static pg_attribute_always_inline Datum
transition_add(ExpandedSummary *es, int nseries, int64 key, const double *values,
			   const int64 *rows)
{
	AdoptionPeriods *p = es->periods;
	int			i;

	if (es->nperiods > 0 && key == es->last_key)
	{
		/* the last row's period */
		adoption_entry_add(entry_of(p, nseries, es->nperiods - 1), nseries, values, rows);
		return EOHPGetRWDatum(&es->hdr);
	}
	if (es->nsorted == es->nperiods && (es->nperiods == 0 || key > es->last_key) &&
		es->nperiods < es->capacity)
	{
		/* the next period */
		adoption_entry_set(entry_of(p, nseries, es->nperiods), nseries, key, values, rows);
		if (es->nperiods == 0)
			es->first_key = key;
		es->nperiods++;
		es->nsorted++;
		es->last_key = key;
		es->sorted_last_key = key;
		p->nperiods = es->nperiods;
		p->nsorted = es->nsorted;
		return EOHPGetRWDatum(&es->hdr);
	}
	if (es->nsorted > 0 && key >= es->first_key && key <= es->sorted_last_key)
	{
		/* maybe a period of the sorted part */
		if (es->nsorted > 2 && es->scale_for != es->nsorted)
		{
			es->scale = adoption_find_scale(es->nsorted, es->first_key, es->sorted_last_key);
			es->scale_for = es->nsorted;
		}
		i = adoption_periods_find_in(p, nseries, es->nsorted, es->first_key,
									 es->sorted_last_key, es->scale, key);
		if (i >= 0)
		{
			adoption_entry_add(entry_of(p, nseries, i), nseries, values, rows);
			return EOHPGetRWDatum(&es->hdr);
		}
	}
	return transition_add_slow(es, key, values, rows);
}

/* rivalry_agg(time, a, b): wide rows, a and b observed in the same period. */
PG_FUNCTION_INFO_V1(rivalry_wide_transfn);
Datum
rivalry_wide_transfn(PG_FUNCTION_ARGS)
{
	ExpandedSummary *es;
	double		values[RIVALRY_SERIES];
	int64		rows[RIVALRY_SERIES] = {1, 1};
	int64		key;

	if (PG_ARGISNULL(1) || PG_ARGISNULL(2) || PG_ARGISNULL(3))
		PG_RETURN_STATE_UNCHANGED();
	es = transition_state(fcinfo, RIVALRY_SERIES, "rivalry_agg");
	key = TimeKey(PG_GETARG_DATUM(1), (AdoptionTimeKind) es->kind, "time");
	values[0] = PG_GETARG_FLOAT8(2);
	values[1] = PG_GETARG_FLOAT8(3);
	CheckObservation(values[0], "a");
	CheckObservation(values[1], "b");
	PG_RETURN_DATUM(transition_add(es, RIVALRY_SERIES, key, values, rows));
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
	ExpandedSummary *es;
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
	es = transition_state(fcinfo, RIVALRY_SERIES, "rivalry_agg");
	key = TimeKey(PG_GETARG_DATUM(1), (AdoptionTimeKind) es->kind, "time");
	value = PG_GETARG_FLOAT8(3);
	CheckObservation(value, "value");
	values[series] = value;
	rows[series] = 1;
	PG_RETURN_DATUM(transition_add(es, RIVALRY_SERIES, key, values, rows));
}

/* trend_agg(time, value) */
PG_FUNCTION_INFO_V1(trend_transfn);
Datum
trend_transfn(PG_FUNCTION_ARGS)
{
	ExpandedSummary *es;
	double		value;
	int64		rows = 1;
	int64		key;

	if (PG_ARGISNULL(1) || PG_ARGISNULL(2))
		PG_RETURN_STATE_UNCHANGED();
	es = transition_state(fcinfo, TREND_SERIES, "trend_agg");
	key = TimeKey(PG_GETARG_DATUM(1), (AdoptionTimeKind) es->kind, "time");
	value = PG_GETARG_FLOAT8(2);
	CheckObservation(value, "value");
	PG_RETURN_DATUM(transition_add(es, TREND_SERIES, key, &value, &rows));
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
	AdoptionPeriods *result = Canonical(PG_GETARG_PERIODS(0));

	/*
	 * Never the state itself, which stays the aggregate's.  Our expanded
	 * states arrive flattened into a canonical copy, returned as it is.
	 */
	if ((Pointer) result == PG_GETARG_POINTER(0))
		result = (AdoptionPeriods *) PG_DETOAST_DATUM_COPY(PG_GETARG_DATUM(0));
	CheckPeriodCount(result->nperiods);
	PG_RETURN_POINTER(result);
}
