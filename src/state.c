/*
 * state.c
 *	  The working state of every summary aggregate: transition, combine,
 *	  final and inverse functions, and summaries added and subtracted.
 *
 * The state type of rivalry_agg(), trend_agg(), market_agg(), rollup()
 * and rolling() is the summary type itself, not internal, so that Citus
 * and parallel workers ship states through the type's own I/O
 * (docs/design.md).  Inside one aggregate, each group's state is that type
 * as a read-write expanded object (utils/expandeddatum.h): a header
 * allocated once per group in the aggregate context, holding the working
 * tables (src/core/work.h), one for a rivalry or a trend, one per label for
 * a market, which live in a child context.  Transitions
 * change it in place and return the same pointer, so nodeAgg neither copies
 * nor frees it.  Wherever a state leaves the transition (the final
 * function, a partial aggregate's output, a tuple), PostgreSQL flattens it
 * with the methods below into the canonical varlena.
 *
 * The tables of all the groups of one aggregate context live in one child
 * context of it, a generation context: a context per group would make hash
 * aggregation's memory accounting, which walks every child on every new
 * group, quadratic.  PostgreSQL's expanded-object protocol would delete an
 * object's context when a function handed the object returned another
 * pointer (DeleteExpandedObject), and that context is shared.  No path does
 * so: every function here that is handed one of these states changes it in
 * place and returns it, and the executor hands them to no other function
 * but read-only (final functions, accessors).  Should the context go anyway,
 * a callback marks it dead, and a state that finds its context dead refuses
 * to go on rather than touch freed memory (sql/transition_states.sql drives
 * every executor path that holds these states).
 */
#include "postgres.h"

#include <float.h>
#include <math.h>

#include "common/hashfn.h"
#include "utils/builtins.h"
#include "utils/date.h"
#include "utils/expandeddatum.h"
#include "utils/memutils.h"
#include "utils/timestamp.h"

#include "adoption.h"
#include "core/work.h"
#include "sqltime.h"
#include "summary.h"

#define ARENA_NAME "adoption summaries"

/*
 * The arena's blocks grow from 8 kB to at most 64 kB, not to 8 MB: hash
 * aggregation weighs the blocks allocated, used or not, against work_mem as
 * each new group arrives, and one block of megabytes, mostly empty, would
 * send it to disk with few groups in memory.
 */
#define ARENA_MAX_BLOCK (64 * 1024)

/*
 * The child context that holds the tables of one aggregate context's
 * states.  The tables stay out of the aggregate context, where hash
 * aggregation keeps its group keys: kilobytes of tables there would
 * scatter the keys it compares on every row.  The headers, a few hundred
 * bytes each, stay in it: allocated as a group's first row arrives, each
 * lands beside its group's key, which the row has just read.
 */
typedef struct SummaryArena
{
	MemoryContext cxt;
	AdoptionMemory mem;
	bool		alive;			/* false once cxt is reset or deleted */
	MemoryContextCallback callback;
} SummaryArena;

/* A market's table of one label. */
typedef struct LabelTable
{
	char	   *data;
	uint32		len;
	uint32		hash;
	AdoptionWork work;
} LabelTable;

typedef struct SummaryState
{
	ExpandedObjectHeader hdr;
	AdoptionWork work;			/* rivalry, trend; its hot fields right after hdr */
	SummaryArena *arena;
	AdoptionTimeKind time;
	const SummaryKind *kind;
	size_t		flat_size;		/* what get_flat_size worked out, for flatten_into */
	AdoptionWork *failed;		/* the table a subtraction took too much from */
	/* markets only (a rivalry's or trend's state ends here) */
	LabelTable *labels;			/* a table per label, found by an open-addressing hash */
	int			nlabels;
	int			labels_capacity;
	int32	   *slots;			/* label index + 1; 0 is empty */
	int			nslots;			/* a power of two */
	int			last_label;
	AdoptionWork **order;		/* the tables, labels sorted, for flatten_into */
	int			norder;
	AdoptionMarketPlan plan;
} SummaryState;

/* A state's bytes: a rivalry's and a trend's stop before the market's fields. */
static inline size_t
state_size(const SummaryKind *kind)
{
	return kind->labelled ? sizeof(SummaryState) : offsetof(SummaryState, labels);
}

static void *
arena_alloc(void *arg, size_t size)
{
	SummaryArena *arena = arg;

	if (size > MaxAllocSize)
		ereport(ERROR,
				(errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
				 errmsg("summary would be larger than 1 GB"),
				 errhint("Aggregate fewer periods or labels, or bucket the time column coarser.")));
	return MemoryContextAlloc(arena->cxt, size);
}

static void
arena_free(void *arg, void *ptr)
{
	pfree(ptr);
}

static void
arena_reset(void *arg)
{
	((SummaryArena *) arg)->alive = false;
}

/* The arena of an aggregate context: found among its children, or made. */
static SummaryArena *
arena_of(MemoryContext aggcontext)
{
	MemoryContext child;
	SummaryArena *arena;

	for (child = aggcontext->firstchild; child != NULL; child = child->nextchild)
	{
		MemoryContextCallback *cb;

		if (strcmp(child->name, ARENA_NAME) != 0)
			continue;
		for (cb = child->reset_cbs; cb != NULL; cb = cb->next)
			if (cb->func == arena_reset)
				return (SummaryArena *) cb->arg;
	}
	arena = MemoryContextAllocZero(aggcontext, sizeof(SummaryArena));
	arena->cxt = GenerationContextCreate(aggcontext, ARENA_NAME, ALLOCSET_DEFAULT_MINSIZE,
										 ALLOCSET_DEFAULT_INITSIZE, ARENA_MAX_BLOCK);
	arena->mem.alloc = arena_alloc;
	arena->mem.free = arena_free;
	arena->mem.arg = arena;
	arena->alive = true;
	arena->callback.func = arena_reset;
	arena->callback.arg = arena;
	MemoryContextRegisterResetCallback(arena->cxt, &arena->callback);
	return arena;
}

/* An arena in the current context, for a state that never leaves one call. */
static SummaryArena *
transient_arena(void)
{
	SummaryArena *arena = palloc0(sizeof(SummaryArena));

	arena->cxt = CurrentMemoryContext;
	arena->mem.alloc = arena_alloc;
	arena->mem.free = arena_free;
	arena->mem.arg = arena;
	arena->alive = true;
	return arena;
}

static const ExpandedObjectMethods state_methods;

static void
state_init(SummaryState *s, const SummaryKind *kind, AdoptionTimeKind time, SummaryArena *arena)
{
	s->kind = kind;
	s->arena = arena;
	s->time = time;
	if (kind->labelled)
		s->last_label = -1;
	else
		adoption_work_init(&s->work, &arena->mem, time, kind->nseries, adoption_max_periods);
}

/* A state for one call, in the current context. */
static SummaryState *
state_transient(const SummaryKind *kind, AdoptionTimeKind time)
{
	SummaryState *s = palloc0(state_size(kind));

	state_init(s, kind, time, transient_arena());
	return s;
}

/* Guard of the shared context (see the file's header). */
static inline void
check_alive(const SummaryState *s)
{
	if (unlikely(!s->arena->alive))
		elog(ERROR, "working state of %s used after its memory was released", s->kind->name);
}

/* Report a status of a table: key, series and label from the table itself. */
static void
report_work(SummaryState *s, AdoptionStatus status, AdoptionWork *w)
{
	const char *label = NULL;

	if (status == ADOPTION_OK)
		return;
	if (s->kind->labelled)
	{
		LabelTable *t = (LabelTable *) ((char *) w - offsetof(LabelTable, work));

		label = pnstrdup(t->data, t->len);
	}
	ReportStatus(status, s->kind, s->time, w->failed_key, w->failed_series, label);
}

/* The table of a market's label, made on its first row. */
static AdoptionWork *
label_table(SummaryState *s, const char *data, uint32 len)
{
	uint32		hash;
	uint32		mask;
	uint32		i;
	LabelTable *t;

	if (s->last_label >= 0)
	{
		t = &s->labels[s->last_label];
		if (t->len == len && memcmp(t->data, data, len) == 0)
			return &t->work;
	}
	hash = hash_bytes((const unsigned char *) data, (int) len);
	mask = (uint32) s->nslots - 1;
	for (i = hash & mask; s->slots != NULL && s->slots[i] != 0; i = (i + 1) & mask)
	{
		t = &s->labels[s->slots[i] - 1];
		if (t->hash == hash && t->len == len && memcmp(t->data, data, len) == 0)
		{
			s->last_label = s->slots[i] - 1;
			return &t->work;
		}
	}
	/* a new label */
	if (s->nlabels >= adoption_max_labels)
		ereport(ERROR,
				(errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
				 errmsg("market would have more than %d labels", adoption_max_labels),
				 errdetail("adoption.max_labels is %d.", adoption_max_labels),
				 errhint("Aggregate fewer contenders, or raise adoption.max_labels.")));
	if (s->nlabels == s->labels_capacity)
	{
		int			capacity = Max(8, 2 * s->labels_capacity);
		LabelTable *labels = arena_alloc(s->arena, sizeof(LabelTable) * capacity);

		if (s->nlabels > 0)
		{
			memcpy(labels, s->labels, sizeof(LabelTable) * s->nlabels);
			pfree(s->labels);
		}
		s->labels = labels;
		s->labels_capacity = capacity;
	}
	if (2 * (s->nlabels + 1) > s->nslots)
	{
		/* rehash into twice the slots: at most half full */
		int			nslots = Max(16, 2 * s->nslots);
		int32	   *slots = arena_alloc(s->arena, sizeof(int32) * nslots);
		int			l;

		memset(slots, 0, sizeof(int32) * nslots);
		for (l = 0; l < s->nlabels; l++)
		{
			uint32		j;

			for (j = s->labels[l].hash & (nslots - 1); slots[j] != 0; j = (j + 1) & (nslots - 1))
				;
			slots[j] = l + 1;
		}
		if (s->slots != NULL)
			pfree(s->slots);
		s->slots = slots;
		s->nslots = nslots;
		mask = (uint32) nslots - 1;
		for (i = hash & mask; s->slots[i] != 0; i = (i + 1) & mask)
			;
	}
	t = &s->labels[s->nlabels];
	t->data = arena_alloc(s->arena, len);
	memcpy(t->data, data, len);
	t->len = len;
	t->hash = hash;
	adoption_work_init(&t->work, &s->arena->mem, s->time, 1, adoption_max_periods);
	s->slots[i] = s->nlabels + 1;
	s->last_label = s->nlabels++;
	return &t->work;
}

/* Add a summary's rows (sign 1) or take them away (sign -1). */
static void
state_add_summary(SummaryState *s, const AdoptionPeriods *p, size_t size, int sign)
{
	if (p->kind != s->time)
		ereport(ERROR,
				(errcode(ERRCODE_DATATYPE_MISMATCH),
				 errmsg("cannot merge summaries over different kinds of time"),
				 errdetail("One is over %s, the other over %s.",
						   adoption_time_kind_name(s->time),
						   adoption_time_kind_name(p->kind))));
	if (!s->kind->labelled)
		report_work(s, adoption_work_add_summary(&s->work, p, size, false, NULL, sign), &s->work);
	else
	{
		const char *at = adoption_labels_at(p);
		int		   *map = palloc(sizeof(int) * p->nseries);
		int			l;

		for (l = 0; l < p->nseries; l++)
			map[l] = -1;
		for (l = 0; l < p->nseries; l++)
		{
			AdoptionLabel label;
			AdoptionWork *w;

			at = adoption_labels_load(at, NULL, &label, 1);
			w = label_table(s, label.data, label.len);
			map[l] = 0;
			report_work(s, adoption_work_add_summary(w, p, size, true, map, sign), w);
			map[l] = -1;
		}
		pfree(map);
	}
}

static int
compare_label_tables(const void *a, const void *b)
{
	const LabelTable *x = (const LabelTable *) ((const char *) *(AdoptionWork *const *) a - offsetof(LabelTable, work));
	const LabelTable *y = (const LabelTable *) ((const char *) *(AdoptionWork *const *) b - offsetof(LabelTable, work));
	AdoptionLabel lx = {x->data, x->len};
	AdoptionLabel ly = {y->data, y->len};

	return adoption_label_cmp(&lx, &ly);
}

/*
 * The canonical form's size: settle every table, check it (a subtraction
 * that took what was not there is NOT_CONTAINED, returned, not reported),
 * and plan a market.
 */
static AdoptionStatus
state_prepare(SummaryState *s)
{
	AdoptionStatus status;
	int			l;

	check_alive(s);
	s->failed = NULL;
	if (!s->kind->labelled)
	{
		status = adoption_work_flat_size(&s->work, &s->flat_size);
		if (status == ADOPTION_NOT_CONTAINED)
			s->failed = &s->work;
		else
			report_work(s, status, &s->work);
		return status;
	}
	s->order = arena_alloc(s->arena, sizeof(AdoptionWork *) * s->nlabels);
	s->norder = 0;
	for (l = 0; l < s->nlabels; l++)
	{
		AdoptionWork *w = &s->labels[l].work;
		size_t		size;

		status = adoption_work_flat_size(w, &size);
		if (status == ADOPTION_NOT_CONTAINED)
		{
			s->failed = w;
			return status;
		}
		report_work(s, status, w);
		/*
		 * A label a subtraction emptied is no label of the result: the
		 * market of the rows that remain does not have it.  Its table stays
		 * in the state, for rows that may come back.
		 */
		if (w->flat_periods > 0)
			s->order[s->norder++] = w;
	}
	qsort(s->order, s->norder, sizeof(AdoptionWork *), compare_label_tables);
	{
		size_t		labels_size = 0;
		int			i;

		for (i = 0; i < s->norder; i++)
		{
			const LabelTable *t = (const LabelTable *) ((const char *) s->order[i] - offsetof(LabelTable, work));

			labels_size += sizeof(uint32) + t->len;
		}
		adoption_market_plan(s->order, s->norder, labels_size, &s->arena->mem, &s->plan);
	}
	if (s->plan.nkeys > adoption_max_periods)
		ReportTooManyPeriods();
	s->flat_size = s->plan.size;
	return ADOPTION_OK;
}

/* Write the canonical form state_prepare() sized. */
static void
state_write(SummaryState *s, AdoptionPeriods *dst)
{
	if (!s->kind->labelled)
		adoption_work_flatten(&s->work, dst);
	else if (s->norder == 0)
		adoption_periods_init(dst, s->time, 0, 0, false);
	else
	{
		char	   *at = adoption_labels_at(dst);
		int			i;

		adoption_market_flatten(s->order, s->norder, &s->plan, dst);
		at = adoption_labels_at(dst);
		for (i = 0; i < s->norder; i++)
		{
			const LabelTable *t = (const LabelTable *) ((const char *) s->order[i] - offsetof(LabelTable, work));

			memcpy(at, &t->len, sizeof(uint32));
			memcpy(at + sizeof(uint32), t->data, t->len);
			at += sizeof(uint32) + t->len;
		}
	}
	SET_VARSIZE(dst, s->flat_size);
}

/* The canonical form of a state, palloc'd; NULL when a subtraction took too much. */
static AdoptionPeriods *
state_flatten(SummaryState *s)
{
	AdoptionPeriods *p;

	if (state_prepare(s) == ADOPTION_NOT_CONTAINED)
		return NULL;
	p = AllocSummary(s->flat_size);
	state_write(s, p);
	return p;
}

static Size
state_get_flat_size(ExpandedObjectHeader *eohptr)
{
	SummaryState *s = (SummaryState *) eohptr;

	/* a subtraction's containment is checked where it happens: never here */
	if (state_prepare(s) == ADOPTION_NOT_CONTAINED)
		ReportStatus(ADOPTION_NOT_CONTAINED, s->kind, s->time, s->work.failed_key, 0, NULL);
	return s->flat_size;
}

static void
state_flatten_into(ExpandedObjectHeader *eohptr, void *result, Size allocated_size)
{
	SummaryState *s = (SummaryState *) eohptr;

	if (allocated_size != s->flat_size)
		elog(ERROR, "wrong size for a flattened %s", s->kind->name);
	state_write(s, (AdoptionPeriods *) result);
}

static const ExpandedObjectMethods state_methods = {
	state_get_flat_size,
	state_flatten_into
};

/* Is this datum one of our read-write states? */
static inline SummaryState *
our_state(Datum d)
{
	if (VARATT_IS_EXTERNAL_EXPANDED_RW(DatumGetPointer(d)))
	{
		varatt_expanded ptr;

		/* DatumGetEOHP(), without the call */
		memcpy(&ptr, VARDATA_EXTERNAL(DatumGetPointer(d)), sizeof(ptr));
		if (ptr.eohptr->eoh_methods == &state_methods)
			return (SummaryState *) ptr.eohptr;
	}
	return NULL;
}

/*
 * The state of an aggregate function: the expanded state of the first
 * argument, or a new one, empty or holding the flat summary the argument
 * carries (an INITCOND, a state copied by nodeAgg, Citus's partial result).
 * Outside an aggregate a transient one: the function then returns a flat
 * summary, as if the aggregate had one row.
 */
static pg_noinline SummaryState *
state_new(FunctionCallInfo fcinfo, const SummaryKind *kind, AdoptionTimeKind time,
		  AdoptionPeriods *flat, bool *transient)
{
	MemoryContext aggcontext;
	SummaryState *s;

	*transient = !AggCheckCallContext(fcinfo, &aggcontext);
	if (*transient)
		s = state_transient(kind, time);
	else
	{
		SummaryArena *arena = arena_of(aggcontext);

		/*
		 * A header on a cache line of its own: what a row reads of it, the
		 * expanded header and the table's counts and keys, is its first 128
		 * bytes, a pair of lines the processor fetches together.
		 */
		s = MemoryContextAllocZero(aggcontext, state_size(kind));
		EOH_init_header(&s->hdr, &state_methods, arena->cxt);
		state_init(s, kind, time, arena);
	}
	if (!PG_ARGISNULL(0))
	{
		if (flat == NULL)
			flat = SummaryArg(fcinfo, 0, kind);
		if (flat->kind != time)
			ereport(ERROR,
					(errcode(ERRCODE_DATATYPE_MISMATCH),
					 errmsg("cannot merge summaries over different kinds of time"),
					 errdetail("The initial state is over %s, the rows over %s.",
							   adoption_time_kind_name(flat->kind),
							   adoption_time_kind_name(time))));
		state_add_summary(s, flat, VARSIZE(flat), 1);
	}
	return s;
}

static pg_attribute_always_inline SummaryState *
transition_state(FunctionCallInfo fcinfo, const SummaryKind *kind, const char *aggname,
				 bool *transient)
{
	SummaryState *s = PG_ARGISNULL(0) ? NULL : our_state(PG_GETARG_DATUM(0));

	if (likely(s != NULL))
	{
		check_alive(s);
		*transient = false;
		return s;
	}
	return state_new(fcinfo, kind, TransitionTimeKind(fcinfo, aggname), NULL, transient);
}

/* What a transition returns: the state itself, or a flat summary outside aggregates. */
static Datum
state_result(SummaryState *s, bool transient)
{
	if (transient)
		return PointerGetDatum(state_flatten(s));
	return EOHPGetRWDatum(&s->hdr);
}

/*
 * Refuse an observation that is no count or level (negative, NaN or
 * infinite), naming the row by its time and giving the filter that leaves
 * such rows out: nothing is dropped silently.
 */
static void
report_observation(double value, const char *argname, Datum time, AdoptionTimeKind kind)
{
	char	   *when;
	const char *filter;

	switch (kind)
	{
		case ADOPTION_TIME_NUMBER:
			when = DatumGetCString(DirectFunctionCall1(float8out, time));
			break;
		case ADOPTION_TIME_TIMESTAMPTZ:
			when = DatumGetCString(DirectFunctionCall1(timestamptz_out, time));
			break;
		case ADOPTION_TIME_TIMESTAMP:
			when = DatumGetCString(DirectFunctionCall1(timestamp_out, time));
			break;
		default:
			when = DatumGetCString(DirectFunctionCall1(date_out, time));
			break;
	}
	filter = isnan(value) ? "<> 'NaN'" : value > 0.0 ? "< 'Infinity'" : ">= 0";
	ereport(ERROR,
			(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
			 isnan(value) ? errmsg("%s cannot be NaN", argname) :
			 isinf(value) ? errmsg("%s cannot be infinite", argname) :
			 errmsg("%s cannot be negative", argname),
			 errdetail("The row at time %s has %s = %s.", when, argname,
					   DatumGetCString(DirectFunctionCall1(float8out, Float8GetDatum(value)))),
			 errhint("Observations are counts or levels. Leave such rows out with a condition on the expression passed as %s, such as WHERE %s %s.",
					 argname, argname, filter)));
}

static pg_attribute_always_inline void
check_observation(double value, const char *argname, Datum time, AdoptionTimeKind kind)
{
	if (unlikely(!(value >= 0.0 && value <= DBL_MAX)))
		report_observation(value, argname, time, kind);
}

static pg_attribute_always_inline void
state_add(SummaryState *s, AdoptionWork *w, int nseries, int64 key, const double *values,
		  const int64 *rows)
{
	AdoptionStatus status = adoption_work_add_to(w, nseries, key, values, rows);

	if (unlikely(status != ADOPTION_OK))
		report_work(s, status, w);
}

/* rivalry_agg(time, a, b): wide rows, a and b observed in the same period. */
PG_FUNCTION_INFO_V1(rivalry_wide_transfn);
Datum
rivalry_wide_transfn(PG_FUNCTION_ARGS)
{
	SummaryState *s;
	double		values[2];
	int64		rows[2] = {1, 1};
	int64		key;
	bool		transient;

	if (PG_ARGISNULL(1) || PG_ARGISNULL(2) || PG_ARGISNULL(3))
		PG_RETURN_STATE_UNCHANGED();
	s = transition_state(fcinfo, &RivalryKind, "rivalry_agg", &transient);
	key = TimeKey(PG_GETARG_DATUM(1), s->time, "time");
	values[0] = PG_GETARG_FLOAT8(2);
	values[1] = PG_GETARG_FLOAT8(3);
	check_observation(values[0], "a", PG_GETARG_DATUM(1), s->time);
	check_observation(values[1], "b", PG_GETARG_DATUM(1), s->time);
	state_add(s, &s->work, 2, key, values, rows);
	PG_RETURN_DATUM(state_result(s, transient));
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
	SummaryState *s;
	text	   *label;
	text	   *a_label;
	text	   *b_label;
	double		values[2] = {0, 0};
	int64		rows[2] = {0, 0};
	int			series;
	int64		key;
	bool		transient;

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
		PG_RETURN_STATE_UNCHANGED();	/* not a contender of this rivalry */
	s = transition_state(fcinfo, &RivalryKind, "rivalry_agg", &transient);
	key = TimeKey(PG_GETARG_DATUM(1), s->time, "time");
	values[series] = PG_GETARG_FLOAT8(3);
	check_observation(values[series], "value", PG_GETARG_DATUM(1), s->time);
	rows[series] = 1;
	state_add(s, &s->work, 2, key, values, rows);
	PG_RETURN_DATUM(state_result(s, transient));
}

/* trend_agg(time, value) */
PG_FUNCTION_INFO_V1(trend_transfn);
Datum
trend_transfn(PG_FUNCTION_ARGS)
{
	SummaryState *s;
	double		value;
	int64		rows = 1;
	int64		key;
	bool		transient;

	if (PG_ARGISNULL(1) || PG_ARGISNULL(2))
		PG_RETURN_STATE_UNCHANGED();
	s = transition_state(fcinfo, &TrendKind, "trend_agg", &transient);
	key = TimeKey(PG_GETARG_DATUM(1), s->time, "time");
	value = PG_GETARG_FLOAT8(2);
	check_observation(value, "value", PG_GETARG_DATUM(1), s->time);
	state_add(s, &s->work, 1, key, &value, &rows);
	PG_RETURN_DATUM(state_result(s, transient));
}

/* market_agg(time, label, value): a table per label. */
PG_FUNCTION_INFO_V1(market_transfn);
Datum
market_transfn(PG_FUNCTION_ARGS)
{
	SummaryState *s;
	text	   *label;
	double		value;
	int64		rows = 1;
	int64		key;
	bool		transient;

	if (PG_ARGISNULL(1) || PG_ARGISNULL(2) || PG_ARGISNULL(3))
		PG_RETURN_STATE_UNCHANGED();
	s = transition_state(fcinfo, &MarketKind, "market_agg", &transient);
	key = TimeKey(PG_GETARG_DATUM(1), s->time, "time");
	label = PG_GETARG_TEXT_PP(2);
	value = PG_GETARG_FLOAT8(3);
	check_observation(value, "value", PG_GETARG_DATUM(1), s->time);
	{
		AdoptionWork *w = label_table(s, VARDATA_ANY(label), VARSIZE_ANY_EXHDR(label));

		state_add(s, w, 1, key, &value, &rows);
	}
	PG_RETURN_DATUM(state_result(s, transient));
}

/*
 * The state of a combine or inverse function: the first argument's, or a
 * new one holding it (its kind of time is the summary's own).
 */
static SummaryState *
combine_state(FunctionCallInfo fcinfo, const SummaryKind *kind, bool *transient)
{
	SummaryState *s = our_state(PG_GETARG_DATUM(0));

	if (s != NULL)
	{
		check_alive(s);
		*transient = false;
		return s;
	}
	{
		AdoptionPeriods *flat = SummaryArg(fcinfo, 0, kind);

		return state_new(fcinfo, kind, (AdoptionTimeKind) flat->kind, flat, transient);
	}
}

/*
 * Combine function of every summary aggregate, and rollup()'s transition:
 * the second summary's rows added to the first's.  In an aggregate the
 * first is the working state, changed in place; called on its own it is
 * the sum of two summaries.  Strict: PostgreSQL copies a lone state.
 */
static Datum
combine(FunctionCallInfo fcinfo, const SummaryKind *kind)
{
	AdoptionPeriods *b = SummaryArg(fcinfo, 1, kind);
	SummaryState *s;
	bool		transient;

	if (kind == NULL)
		kind = KindOfSeries(b);
	s = combine_state(fcinfo, kind, &transient);
	state_add_summary(s, b, VARSIZE(b), 1);
	PG_RETURN_DATUM(state_result(s, transient));
}

PG_FUNCTION_INFO_V1(summary_combine);
Datum
summary_combine(PG_FUNCTION_ARGS)
{
	return combine(fcinfo, NULL);
}

PG_FUNCTION_INFO_V1(market_combine);
Datum
market_combine(PG_FUNCTION_ARGS)
{
	return combine(fcinfo, &MarketKind);
}

/*
 * Inverse transition of rolling(): take away a summary an earlier row
 * added.  Sums are exact, so this always gives what recomputing the frame
 * would; a summary that is not among the state's rows gives NULL, which
 * tells PostgreSQL to recompute the frame.
 */
static Datum
rolling_inverse(FunctionCallInfo fcinfo, const SummaryKind *kind)
{
	AdoptionPeriods *gone = SummaryArg(fcinfo, 1, kind);
	SummaryState *s;
	bool		transient;
	AdoptionPeriods *result;

	if (kind == NULL)
		kind = KindOfSeries(gone);
	s = combine_state(fcinfo, kind, &transient);
	if (gone->kind != s->time)
		PG_RETURN_NULL();
	state_add_summary(s, gone, VARSIZE(gone), -1);
	if (transient)
	{
		result = state_flatten(s);
		if (result == NULL)
			PG_RETURN_NULL();
		PG_RETURN_POINTER(result);
	}
	if (state_prepare(s) == ADOPTION_NOT_CONTAINED)
		PG_RETURN_NULL();		/* WindowAgg resets the state's memory and starts over */
	PG_RETURN_DATUM(EOHPGetRWDatum(&s->hdr));
}

PG_FUNCTION_INFO_V1(summary_rolling_inverse);
Datum
summary_rolling_inverse(PG_FUNCTION_ARGS)
{
	return rolling_inverse(fcinfo, NULL);
}

PG_FUNCTION_INFO_V1(market_rolling_inverse);
Datum
market_rolling_inverse(PG_FUNCTION_ARGS)
{
	return rolling_inverse(fcinfo, &MarketKind);
}

/*
 * Final function: the canonical form.  A working state arrives flattened
 * into a new copy; a flat state is copied, since it stays the aggregate's.
 */
static Datum
final(FunctionCallInfo fcinfo, const SummaryKind *kind)
{
	AdoptionPeriods *result = SummaryArg(fcinfo, 0, kind);

	if ((Pointer) result == PG_GETARG_POINTER(0))
		result = (AdoptionPeriods *) PG_DETOAST_DATUM_COPY(PG_GETARG_DATUM(0));
	if (result->nperiods > adoption_max_periods)
		ReportTooManyPeriods();
	PG_RETURN_POINTER(result);
}

PG_FUNCTION_INFO_V1(summary_final);
Datum
summary_final(PG_FUNCTION_ARGS)
{
	return final(fcinfo, NULL);
}

PG_FUNCTION_INFO_V1(market_final);
Datum
market_final(PG_FUNCTION_ARGS)
{
	return final(fcinfo, &MarketKind);
}

AdoptionPeriods *
SummaryAddUp(const SummaryKind *kind, AdoptionPeriods *a, AdoptionPeriods *b, int sign)
{
	SummaryState *s;
	AdoptionPeriods *result;

	CheckSameKind(a, b);
	s = state_transient(kind, (AdoptionTimeKind) a->kind);
	state_add_summary(s, a, VARSIZE(a), 1);
	state_add_summary(s, b, VARSIZE(b), sign);
	result = state_flatten(s);
	if (result == NULL)
	{
		AdoptionWork *w = s->failed;
		char	   *label = NULL;

		if (kind->labelled)
		{
			const LabelTable *t = (const LabelTable *) ((const char *) w - offsetof(LabelTable, work));

			label = pnstrdup(t->data, t->len);
		}
		ReportStatus(ADOPTION_NOT_CONTAINED, kind, s->time, w->failed_key, w->failed_series, label);
	}
	return result;
}

AdoptionPeriods *
SummaryCanonical(const SummaryKind *kind, const AdoptionPeriods *p)
{
	SummaryState *s = state_transient(kind, (AdoptionTimeKind) p->kind);

	state_add_summary(s, p, VARSIZE(p), 1);
	return state_flatten(s);
}

AdoptionPeriods *
SummaryFromRows(const SummaryKind *kind, const AdoptionPeriods *p, int capacity)
{
	size_t		entries = adoption_entries_size(p->nseries, p->nperiods);
	size_t		labels = kind->labelled ?
		(size_t) (adoption_labels_end(p, false) - (const char *) p) : 0;
	AdoptionPeriods *rows;
	SummaryState *s;

	/* the entries, then the labels that followed capacity entries, in one summary */
	if (kind->labelled)
	{
		const char *from = (const char *) p + adoption_entries_size(p->nseries, capacity);
		const char *end;
		AdoptionLabel *all = palloc(sizeof(AdoptionLabel) * p->nseries);

		end = adoption_labels_load(from, (const char *) p + VARSIZE(p), all, p->nseries);
		if (end == NULL)
			ReportInvalidSummary(ERRCODE_DATA_CORRUPTED, kind->name, NULL, "labels past the end");
		labels = entries + (size_t) (end - from);
		rows = AllocSummary(labels);
		memcpy(rows, p, entries);
		memcpy((char *) rows + entries, from, (size_t) (end - from));
	}
	else
	{
		rows = AllocSummary(entries);
		memcpy(rows, p, entries);
	}
	rows->version = ADOPTION_FORMAT_VERSION;
	rows->legacy_nsorted = rows->legacy_capacity = rows->nperiods;
	rows->legacy_scale_for = 0;
	rows->legacy_scale = 0.0;
	s = state_transient(kind, (AdoptionTimeKind) p->kind);
	state_add_summary(s, rows, VARSIZE(rows), 1);
	return state_flatten(s);
}

AdoptionPeriods *
SummaryRekeyed(const SummaryKind *kind, const AdoptionPeriods *p,
			   int64 (*map) (int64 key, void *arg), void *arg)
{
	AdoptionPeriods *moved;
	int			i;

	/* the same rows under new keys: then added up as rows in any order are */
	moved = AllocSummary(VARSIZE(p));
	memcpy(moved, p, VARSIZE(p));
	for (i = 0; i < moved->nperiods; i++)
		adoption_set_key(moved, i, map(adoption_key(p, i), arg));
	{
		SummaryState *s = state_transient(kind, (AdoptionTimeKind) p->kind);

		state_add_summary(s, moved, VARSIZE(moved), 1);
		return state_flatten(s);
	}
}

AdoptionPeriods *
SummarySelect(const AdoptionPeriods *m, int a, int b)
{
	int		   *map = palloc(sizeof(int) * m->nseries);
	SummaryState *s = state_transient(&RivalryKind, (AdoptionTimeKind) m->kind);
	int			l;

	for (l = 0; l < m->nseries; l++)
		map[l] = l == a ? 0 : l == b ? 1 : -1;
	report_work(s, adoption_work_add_summary(&s->work, m, VARSIZE(m), true, map, 1), &s->work);
	return state_flatten(s);
}
