/*
 * work.c
 *	  The working form of a period table: add, compact, settle, flatten.
 */
#include "work.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* A tail shorter than this is never worth sorting on its own. */
#define MIN_TAIL 64

/* The first block of entries, in bytes; blocks double from there. */
#define INITIAL_BYTES 192

/* The most components a fold can leave for one sum (after its head). */
#define MAX_TAIL (ADOPTION_EXPANSION_MAX - 1)

static size_t
layout_size(int nseries, bool wide)
{
	return wide ? 16 * (size_t) nseries + 8 :
		(8 * (size_t) nseries + 4 + 2 * (size_t) nseries + 7) & ~(size_t) 7;
}

void
adoption_work_init(AdoptionWork *w, const AdoptionMemory *mem, AdoptionTimeKind kind,
				   int nseries, int max_periods)
{
	memset(w, 0, sizeof(*w));
	w->mem = mem;
	w->kind = (uint8_t) kind;
	w->nseries = (uint16_t) nseries;
	w->max_periods = max_periods;
	w->entry_size = (uint16_t) layout_size(nseries, false);
	w->probe = true;
}

void
adoption_work_free(AdoptionWork *w)
{
	if (w->entries != NULL)
		w->mem->free(w->mem->arg, w->entries);
	if (w->log != NULL)
		w->mem->free(w->mem->arg, w->log);
	if (w->log_map != NULL)
		w->mem->free(w->mem->arg, w->log_map);
	w->entries = NULL;
	w->log = NULL;
	w->log_map = NULL;
	w->log_map_size = 0;
	w->nperiods = w->nsorted = w->capacity = 0;
	w->nlog = w->log_capacity = w->log_settled = 0;
}

/* Row count of series s in entry e, whatever the layout. */
static int64_t
entry_rows(const AdoptionWork *w, const unsigned char *e, int s)
{
	int			k = w->nseries;

	if (w->wide)
	{
		int64_t		r;

		memcpy(&r, e + 8 * k + 8 + 8 * s, sizeof(r));
		return r;
	}
	else
	{
		uint16_t	r;

		memcpy(&r, e + 8 * k + 4 + 2 * s, sizeof(r));
		return r;
	}
}

static void
set_entry_rows(const AdoptionWork *w, unsigned char *e, int s, int64_t rows)
{
	int			k = w->nseries;

	if (w->wide)
		memcpy(e + 8 * k + 8 + 8 * s, &rows, sizeof(rows));
	else
	{
		uint16_t	r = (uint16_t) rows;

		memcpy(e + 8 * k + 4 + 2 * s, &r, sizeof(r));
	}
}

/* Store key (which the layout can hold) in entry e. */
static void
set_entry_key(const AdoptionWork *w, unsigned char *e, int64_t key)
{
	int			k = w->nseries;

	if (w->wide)
		memcpy(e + 8 * k, &key, sizeof(key));
	else
	{
		int32_t		n = 0;

		(void) adoption_narrow_key((AdoptionTimeKind) w->kind, key, &n);
		memcpy(e + 8 * k, &n, sizeof(n));
	}
}

/* Recompute the cached keys after entries moved. */
static void
sync_keys(AdoptionWork *w)
{
	w->first_key = w->nperiods > 0 ? adoption_work_key(w, 0) : 0;
	w->sorted_last_key = w->nsorted > 0 ? adoption_work_key(w, w->nsorted - 1) : 0;
	w->last_key = w->nperiods > 0 ? adoption_work_key(w, w->nperiods - 1) : 0;
	w->scale_for = 0;
}

/*
 * Move the entries to a new block of the given layout and capacity
 * (>= nperiods): allocate, copy or convert, free the old block.
 */
static void
relayout(AdoptionWork *w, bool wide, int capacity)
{
	size_t		size = layout_size(w->nseries, wide);
	unsigned char *entries = w->mem->alloc(w->mem->arg, (size_t) capacity * size);
	int			k = w->nseries;
	int			i;
	int			s;

	if (wide == (bool) w->wide)
	{
		if (w->nperiods > 0)
			memcpy(entries, w->entries, (size_t) w->nperiods * size);
	}
	else
	{
		/* narrow to wide, the only way a layout changes */
		for (i = 0; i < w->nperiods; i++)
		{
			const unsigned char *from = adoption_work_entry(w, i);
			unsigned char *to = entries + (size_t) i * size;
			int64_t		key = adoption_work_key(w, i);

			memcpy(to, from, 8 * (size_t) k);
			memcpy(to + 8 * k, &key, sizeof(key));
			for (s = 0; s < k; s++)
			{
				int64_t		r = entry_rows(w, from, s);

				memcpy(to + 8 * k + 8 + 8 * s, &r, sizeof(r));
			}
		}
	}
	if (w->entries != NULL)
		w->mem->free(w->mem->arg, w->entries);
	w->entries = entries;
	w->capacity = capacity;
	w->wide = wide;
	w->entry_size = (uint16_t) size;
}

/* The capacity after from: twice the bytes, within max_periods. */
static int
capacity_after(const AdoptionWork *w, int from)
{
	size_t		bytes = (size_t) from * w->entry_size;
	int64_t		capacity;

	bytes = bytes < INITIAL_BYTES ? INITIAL_BYTES : 2 * bytes;
	capacity = (int64_t) (bytes / w->entry_size);
	if (capacity <= from)
		capacity = from + 1;
	/* never room for more than max_periods: a full table of distinct periods is the limit */
	if (capacity > (int64_t) w->max_periods)
		capacity = (int64_t) w->max_periods;
	return (int) capacity;
}

/* The next capacity up from the table's. */
static int
grown_capacity(const AdoptionWork *w)
{
	return capacity_after(w, w->capacity);
}

/*
 * Append a rounding error (or a value still to fold) to the log.  Rows in
 * time order add to one period after another: an error of the period of
 * one of the last entries joins that entry when the two add exactly, so
 * the log keeps one entry per period instead of one per row.
 */
/* A log big enough to index: below it, a lookup costs more than it saves. */
#define LOG_MAP_MIN 64

static uint32_t
log_hash(int64_t key, int series, int32_t size)
{
	uint64_t	h = ((uint64_t) key + (uint64_t) series * UINT64_C(0x85EBCA77C2B2AE63)) *
		UINT64_C(0x9E3779B97F4A7C15);

	return (uint32_t) (h >> 32) & (uint32_t) (size - 1);
}

/* Point the map's slot of entry i's sum at entry i (the newest of its sum). */
static void
log_map_put(AdoptionWork *w, int i)
{
	const AdoptionLogEntry *e = &w->log[i];
	uint32_t	h;

	for (h = log_hash(e->key, e->series, w->log_map_size); w->log_map[h] != 0;
		 h = (h + 1) & (uint32_t) (w->log_map_size - 1))
	{
		const AdoptionLogEntry *o = &w->log[w->log_map[h] - 1];

		if (o->key == e->key && o->series == e->series)
			break;
	}
	w->log_map[h] = i + 1;
}

/* The newest log entry of a sum, or -1. */
static int
log_map_find(const AdoptionWork *w, int64_t key, int series)
{
	uint32_t	h;

	for (h = log_hash(key, series, w->log_map_size); w->log_map[h] != 0;
		 h = (h + 1) & (uint32_t) (w->log_map_size - 1))
	{
		const AdoptionLogEntry *o = &w->log[w->log_map[h] - 1];

		if (o->key == key && o->series == series)
			return w->log_map[h] - 1;
	}
	return -1;
}

/* Make the map for the log's capacity, and fill it from the log. */
static void
log_map_build(AdoptionWork *w)
{
	int			i;

	if (w->log_map != NULL)
		w->mem->free(w->mem->arg, w->log_map);
	w->log_map_size = 2 * w->log_capacity;
	w->log_map = w->mem->alloc(w->mem->arg, sizeof(int32_t) * w->log_map_size);
	memset(w->log_map, 0, sizeof(int32_t) * w->log_map_size);
	for (i = 0; i < w->nlog; i++)
		log_map_put(w, i);
}

/* Append to the log, as it is (a fold's tails: canonical, not to be joined). */
static void
log_append(AdoptionWork *w, int64_t key, int series, double value)
{
	AdoptionLogEntry *e;

	if (w->nlog == w->log_capacity)
	{
		int			capacity = w->log_capacity < 32 ? 32 : 2 * w->log_capacity;
		AdoptionLogEntry *log = w->mem->alloc(w->mem->arg, sizeof(AdoptionLogEntry) * capacity);

		if (w->nlog > 0)
			memcpy(log, w->log, sizeof(AdoptionLogEntry) * w->nlog);
		if (w->log != NULL)
			w->mem->free(w->mem->arg, w->log);
		w->log = log;
		w->log_capacity = capacity;
		if (capacity >= LOG_MAP_MIN)
			log_map_build(w);
	}
	e = &w->log[w->nlog++];
	e->key = key;
	e->series = series;
	e->unused = 0;
	e->value = value;
	if (w->log_map != NULL)
		log_map_put(w, w->nlog - 1);
}

/*
 * Add a rounding error to the log.  An error joins its sum's newest entry
 * when the two add exactly, so that the log keeps about one entry per sum,
 * not one per row: among the last entries (rows in time order), or through
 * the map once the log is big (rows in no order).
 */
static void
log_push(AdoptionWork *w, int64_t key, int series, double value)
{
	int			i = -1;
	int			j;

	for (j = w->nlog - 1; j >= 0 && j >= w->nlog - (int) w->nseries; j--)
		if (w->log[j].key == key && w->log[j].series == series)
		{
			i = j;
			break;
		}
	if (i < 0 && w->log_map != NULL)
		i = log_map_find(w, key, series);
	if (i >= 0)
	{
		double		err;
		double		sum = adoption_two_sum(w->log[i].value, value, &err);

		if (err == 0.0 && sum != 0.0)
		{
			w->log[i].value = sum;
			return;
		}
	}
	log_append(w, key, series, value);
}

/* Outcomes of adding to an entry in place. */
typedef enum
{
	ADD_DONE,
	ADD_NEEDS_WIDE,				/* a count does not fit the narrow layout */
	ADD_ROWS_OVERFLOW,
	ADD_SUM_OVERFLOW			/* a head overflowed: fold to know */
} AddOutcome;

/*
 * Add values and rows to entry e of period key, exactly: rounding errors go
 * to the log.  Nothing changes unless the counts fit.
 */
static AddOutcome
add_to_entry(AdoptionWork *w, unsigned char *e, int64_t key, const double *values,
			 const int64_t *rows)
{
	double	   *sums = (double *) e;
	bool		overflow = false;
	int			k = w->nseries;
	int			s;

	for (s = 0; s < k; s++)
	{
		int64_t		r = entry_rows(w, e, s);

		if (w->wide ? __builtin_add_overflow(r, rows[s], &r) :
			(rows[s] < 0 || rows[s] > ADOPTION_NARROW_ROWS_MAX - r))
			return w->wide ? ADD_ROWS_OVERFLOW : ADD_NEEDS_WIDE;
	}
	for (s = 0; s < k; s++)
		set_entry_rows(w, e, s, entry_rows(w, e, s) + rows[s]);
	for (s = 0; s < k; s++)
	{
		double		err;
		double		next = adoption_two_sum(sums[s], values[s], &err);

		if (!isfinite(next))
		{
			/* keep the head; the value waits in the log for an exact fold */
			log_push(w, key, s, values[s]);
			overflow = true;
		}
		else
		{
			sums[s] = next;
			if (err != 0.0)
				log_push(w, key, s, err);
		}
	}
	return overflow ? ADD_SUM_OVERFLOW : ADD_DONE;
}

typedef struct TailKey
{
	int64_t		raw;
	int32_t		index;
} TailKey;

static int
compare_tail_keys(const void *a, const void *b)
{
	const TailKey *x = a;
	const TailKey *y = b;

	if (x->raw != y->raw)
		return (x->raw > y->raw) - (x->raw < y->raw);
	return (x->index > y->index) - (x->index < y->index);
}

/* The tail's entries in key order (ties in the order they came). */
static TailKey *
sorted_tail(AdoptionWork *w)
{
	int			tail = w->nperiods - w->nsorted;
	TailKey    *order = w->mem->alloc(w->mem->arg, sizeof(TailKey) * tail);
	int			j;

	for (j = 0; j < tail; j++)
	{
		order[j].raw = adoption_work_raw_key(w, w->nsorted + j);
		order[j].index = w->nsorted + j;
	}
	qsort(order, (size_t) tail, sizeof(TailKey), compare_tail_keys);
	return order;
}

/*
 * Would merging the tail in leave a count the narrow layout cannot hold?
 * (Checked first, so that a merge never has to be undone.)
 */
static bool
merge_outgrows_narrow(const AdoptionWork *w, const TailKey *order)
{
	int			tail = w->nperiods - w->nsorted;
	int			i = 0;
	int			j = 0;
	int			s;

	while (j < tail)
	{
		int64_t		raw = order[j].raw;
		int64_t		rows[2] = {0, 0};

		while (i < w->nsorted && adoption_work_raw_key(w, i) < raw)
			i++;
		if (i < w->nsorted && adoption_work_raw_key(w, i) == raw)
			for (s = 0; s < w->nseries; s++)
				rows[s] += entry_rows(w, adoption_work_entry(w, i), s);
		for (; j < tail && order[j].raw == raw; j++)
			for (s = 0; s < w->nseries; s++)
			{
				rows[s] += entry_rows(w, adoption_work_entry(w, order[j].index), s);
				if (rows[s] > ADOPTION_NARROW_ROWS_MAX)
					return true;
			}
	}
	return false;
}

/*
 * Sort the unsorted tail and merge it with the sorted part into a new block
 * of the given capacity (>= nperiods), merging equal periods.
 */
static AdoptionStatus
compact(AdoptionWork *w, int capacity)
{
	int			tail = w->nperiods - w->nsorted;
	TailKey    *order;
	unsigned char *out;
	size_t		size;
	int			n = 0;
	int			i = 0;
	int			j = 0;

	w->scale_for = 0;
	if (tail == 0)
		return ADOPTION_OK;
	order = sorted_tail(w);
	if (!w->wide && merge_outgrows_narrow(w, order))
	{
		w->mem->free(w->mem->arg, order);
		relayout(w, true, w->capacity);
		order = sorted_tail(w);
	}
	size = w->entry_size;
	out = w->mem->alloc(w->mem->arg, (size_t) capacity * size);
	while (i < w->nsorted || j < tail)
	{
		int			from;
		unsigned char *last = out + (size_t) (n - 1) * size;

		if (j >= tail || (i < w->nsorted && adoption_work_raw_key(w, i) <= order[j].raw))
			from = i++;
		else
			from = order[j++].index;
		if (n > 0 && adoption_work_key(w, from) == adoption_entry_key(w, last))
		{
			const unsigned char *e = adoption_work_entry(w, from);
			double		values[2];
			int64_t		rows[2];
			int			s;

			for (s = 0; s < w->nseries; s++)
			{
				values[s] = ((const double *) e)[s];
				rows[s] = entry_rows(w, e, s);
			}
			/* a head that overflows leaves its value in the log for the fold */
			if (add_to_entry(w, last, adoption_work_key(w, from), values, rows) ==
				ADD_ROWS_OVERFLOW)
			{
				w->failed_key = adoption_work_key(w, from);
				w->mem->free(w->mem->arg, out);
				w->mem->free(w->mem->arg, order);
				return ADOPTION_ROWS_OVERFLOW;
			}
			continue;
		}
		memcpy(out + (size_t) n * size, adoption_work_entry(w, from), size);
		n++;
	}
	w->mem->free(w->mem->arg, order);
	w->mem->free(w->mem->arg, w->entries);
	w->entries = out;
	w->capacity = capacity;
	/* lookups pay when the tail brought back periods already there */
	w->probe = 4 * (w->nperiods - n) >= tail;
	w->nperiods = n;
	w->nsorted = n;
	sync_keys(w);
	if (w->probe)
	{
		memset(w->seen, 0, sizeof(w->seen));
		for (i = 0; i < n; i++)
			adoption_work_see(w, adoption_work_key(w, i));
	}
	return ADOPTION_OK;
}

static int
compare_log(const void *a, const void *b)
{
	const AdoptionLogEntry *x = a;
	const AdoptionLogEntry *y = b;

	if (x->key != y->key)
		return (x->key > y->key) - (x->key < y->key);
	if (x->series != y->series)
		return (x->series > y->series) - (x->series < y->series);
	/* any order sums exactly; this one keeps the fold deterministic */
	return memcmp(&x->value, &y->value, sizeof(double));
}

/*
 * Fold the log into the sums: every sum with log entries becomes its
 * canonical expansion, the head in its entry, the rest back in the log.
 */
static AdoptionStatus
fold(AdoptionWork *w)
{
	AdoptionLogEntry *old;
	AdoptionStatus status;
	int			nold;
	int			e = 0;
	int			g = 0;

	status = compact(w, w->capacity);
	if (status != ADOPTION_OK || w->nlog == 0)
		return status;
	old = w->log;
	nold = w->nlog;
	qsort(old, (size_t) nold, sizeof(AdoptionLogEntry), compare_log);
	w->log = NULL;
	w->nlog = 0;
	w->log_capacity = 0;
	if (w->log_map != NULL)
	{
		w->mem->free(w->mem->arg, w->log_map);
		w->log_map = NULL;
		w->log_map_size = 0;
	}
	while (g < nold)
	{
		double		expansion[ADOPTION_EXPANSION_MAX];
		int64_t		key = old[g].key;
		int			series = old[g].series;
		int			end = g;
		double	   *sum;
		int			m;
		int			c;

		while (end < nold && old[end].key == key && old[end].series == series)
			end++;
		while (e < w->nperiods && adoption_work_key(w, e) < key)
			e++;
		if (e >= w->nperiods || adoption_work_key(w, e) != key)
		{
			/* cannot happen: the log only names periods of the table */
			w->mem->free(w->mem->arg, old);
			w->failed_key = key;
			w->failed_series = series;
			return ADOPTION_NOT_CONTAINED;
		}
		sum = (double *) adoption_work_entry(w, e) + series;
		if (end - g < 64)
		{
			double		parts[64];

			parts[0] = *sum;
			for (c = g; c < end; c++)
				parts[1 + c - g] = old[c].value;
			m = adoption_expansion_of_sum(parts, 1 + end - g, expansion);
		}
		else
		{
			AdoptionExact exact;

			adoption_exact_init(&exact);
			adoption_exact_add(&exact, *sum);
			for (c = g; c < end; c++)
				adoption_exact_add(&exact, old[c].value);
			m = adoption_exact_expansion(&exact, expansion);
		}
		if (m < 0)
		{
			w->mem->free(w->mem->arg, old);
			w->failed_key = key;
			w->failed_series = series;
			return ADOPTION_SUM_OVERFLOW;
		}
		*sum = m > 0 ? expansion[0] : 0.0;
		for (c = 1; c < m; c++)
			log_append(w, key, series, expansion[c]);
		g = end;
	}
	w->mem->free(w->mem->arg, old);
	w->log_settled = w->nlog;
	return ADOPTION_OK;
}

/* Add a row to entry i of period key: counts that outgrow narrow widen it. */
static AdoptionStatus
add_at(AdoptionWork *w, int i, int64_t key, const double *values, const int64_t *rows)
{
	AddOutcome	outcome = add_to_entry(w, adoption_work_entry(w, i), key, values, rows);

	if (outcome == ADD_NEEDS_WIDE)
	{
		relayout(w, true, w->capacity);
		outcome = add_to_entry(w, adoption_work_entry(w, i), key, values, rows);
	}
	if (outcome == ADD_ROWS_OVERFLOW)
	{
		w->failed_key = key;
		return ADOPTION_ROWS_OVERFLOW;
	}
	if (outcome == ADD_SUM_OVERFLOW)
		return fold(w);
	return ADOPTION_OK;
}

/*
 * A row for a new period, or for one in the unsorted tail: append it.
 */
static AdoptionStatus
append(AdoptionWork *w, int64_t key, const double *values, const int64_t *rows)
{
	bool		in_order = w->nperiods == 0 ||
		(w->nsorted == w->nperiods && key > w->last_key);
	unsigned char *e;
	int32_t		narrow;
	int			s;

	/* sort the tail once it is as long as the sorted part: lookups stay cheap */
	if (!in_order && w->probe && w->nperiods - w->nsorted >= MIN_TAIL &&
		w->nperiods - w->nsorted >= w->nsorted)
	{
		AdoptionStatus status = compact(w, w->capacity);

		if (status != ADOPTION_OK)
			return status;
		return adoption_work_add_slow(w, key, values, rows);
	}
	if (!w->wide)
	{
		bool		fits = adoption_narrow_key((AdoptionTimeKind) w->kind, key, &narrow);

		for (s = 0; s < w->nseries; s++)
			fits = fits && rows[s] >= 0 && rows[s] <= ADOPTION_NARROW_ROWS_MAX;
		if (!fits)
			relayout(w, true, w->capacity);
	}
	if (w->nperiods == w->capacity)
	{
		if (w->nsorted < w->nperiods)
		{
			/*
			 * Merging the tail in may make room, or find the period.  When the
			 * tail has been bringing new periods, it goes straight to a
			 * larger block: one copy, not a compaction and then a growth.
			 */
			AdoptionStatus status = compact(w, w->probe ? w->capacity : grown_capacity(w));

			if (status != ADOPTION_OK)
				return status;
			return adoption_work_add_slow(w, key, values, rows);
		}
		if (w->nperiods >= w->max_periods)
		{
			/* full of distinct periods: only one of them fits */
			int			i = adoption_work_find_in(w, key, false);

			if (i >= 0)
				return add_at(w, i, key, values, rows);
			w->failed_key = key;
			return ADOPTION_TOO_MANY_PERIODS;
		}
		relayout(w, w->wide, grown_capacity(w));
	}
	e = adoption_work_entry(w, w->nperiods);
	for (s = 0; s < w->nseries; s++)
	{
		((double *) e)[s] = values[s] + 0.0;	/* -0 is 0 */
		set_entry_rows(w, e, s, rows[s]);
	}
	set_entry_key(w, e, key);
	if (w->nperiods == 0)
		w->first_key = key;
	if (w->probe)
		adoption_work_see(w, key);
	w->nperiods++;
	if (in_order)
	{
		w->nsorted = w->nperiods;
		w->sorted_last_key = key;
	}
	w->last_key = key;
	return ADOPTION_OK;
}

AdoptionStatus
adoption_work_add_slow(AdoptionWork *w, int64_t key, const double *values, const int64_t *rows)
{
	AdoptionStatus status;
	int			i = -1;

	if (w->nperiods > 0 && key == w->last_key)
		i = w->nperiods - 1;
	else if (w->probe)
		i = adoption_work_find(w, key);
	status = i < 0 ? append(w, key, values, rows) : add_at(w, i, key, values, rows);
	/* keep the log no bigger than the table it corrects */
	if (status == ADOPTION_OK &&
		w->nlog - w->log_settled > 64 + 2 * w->nperiods * (int) w->nseries)
		status = fold(w);
	return status;
}

/*
 * Period i of summary p as the table's series take it (through map, times
 * sign); false when no mapped series has rows there.
 */
static bool
summary_period(const AdoptionWork *w, const AdoptionPeriods *p, int i, const int *map,
			   int sign, double values[2], int64_t rows[2])
{
	bool		any = false;
	int			s;

	values[0] = values[1] = 0.0;
	rows[0] = rows[1] = 0;
	for (s = 0; s < p->nseries; s++)
	{
		int			to = map ? map[s] : s;

		if (to < 0 || to >= w->nseries)
			continue;
		values[to] = sign * adoption_sum(p, i, s);
		rows[to] = sign * adoption_rows(p, i, s);
		any = any || rows[to] != 0;
	}
	return any;
}

/* Can an entry holding have rows take more (a summary's: >= 0) in this layout? */
static bool
rows_fit(const AdoptionWork *w, int64_t have, int64_t more)
{
	int64_t		sum;

	if (__builtin_add_overflow(have, more, &sum))
		return false;
	return w->wide || sum <= ADOPTION_NARROW_ROWS_MAX;
}

/*
 * Add summary p to a table without an unsorted tail by merging: a summary's
 * periods are in key order, so one pass counts the periods of the union and
 * checks that every key and count fits, and a second, from the last entry
 * back, moves each entry once to its place, in a block grown once if the
 * union needs more room.  No sorting and no lookups, as a combine step
 * adds partial summaries of the same periods, interleaved.  False, having
 * changed nothing, where the general path must do it (a key or count the
 * layout cannot hold, a count that overflows, more periods than allowed,
 * keys out of order); *folds is set when a head overflowed and waits in the
 * log.
 */
static bool
merge_summary(AdoptionWork *w, const AdoptionPeriods *p, const int *map, bool *folds)
{
	int			n = w->nperiods;
	int			added = 0;
	int			i = 0;
	int			out;
	int			j;
	int64_t		previous = 0;
	bool		first = true;

	if (w->nsorted != n)
		return false;
	for (j = 0; j < p->nperiods; j++)
	{
		double		values[2];
		int64_t		rows[2];
		int64_t		raw;
		bool		found;
		int			s;

		if (!summary_period(w, p, j, map, 1, values, rows))
			continue;
		if (!adoption_work_raw_of(w, adoption_key(p, j), &raw) || (!first && raw <= previous))
			return false;
		previous = raw;
		first = false;
		while (i < n && adoption_work_raw_key(w, i) < raw)
			i++;
		found = i < n && adoption_work_raw_key(w, i) == raw;
		for (s = 0; s < w->nseries; s++)
			if (!rows_fit(w, found ? entry_rows(w, adoption_work_entry(w, i), s) : 0, rows[s]))
				return false;
		added += !found;
	}
	if (added > w->max_periods - n)
		return false;
	if (n + added > w->capacity)
	{
		int			capacity = w->capacity;

		do
			capacity = capacity_after(w, capacity);
		while (capacity < n + added);
		relayout(w, w->wide, capacity);
	}
	out = n + added - 1;
	i = n - 1;
	for (j = p->nperiods - 1; j >= 0; j--)
	{
		double		values[2];
		int64_t		rows[2];
		int64_t		key;
		int64_t		raw;
		unsigned char *e;
		int			s;

		if (!summary_period(w, p, j, map, 1, values, rows))
			continue;
		key = adoption_key(p, j);
		raw = 0;
		(void) adoption_work_raw_of(w, key, &raw);	/* fits: the first pass checked */
		for (; i >= 0 && adoption_work_raw_key(w, i) > raw; i--, out--)
			if (out != i)
				memcpy(adoption_work_entry(w, out), adoption_work_entry(w, i), w->entry_size);
		e = adoption_work_entry(w, out--);
		if (i >= 0 && adoption_work_raw_key(w, i) == raw)
		{
			if (e != adoption_work_entry(w, i))
				memcpy(e, adoption_work_entry(w, i), w->entry_size);
			i--;
			if (add_to_entry(w, e, key, values, rows) == ADD_SUM_OVERFLOW)
				*folds = true;
			continue;
		}
		for (s = 0; s < w->nseries; s++)
		{
			((double *) e)[s] = values[s];	/* a summary's sums are never -0 */
			set_entry_rows(w, e, s, rows[s]);
		}
		set_entry_key(w, e, key);
		if (w->probe)
			adoption_work_see(w, key);
	}
	w->nperiods = w->nsorted = n + added;
	sync_keys(w);
	return true;
}

AdoptionStatus
adoption_work_add_summary(AdoptionWork *w, const AdoptionPeriods *p, size_t size,
						  bool labelled, const int *map, int sign)
{
	AdoptionTailCursor cursor;
	AdoptionTail tail;
	bool		folds = false;
	int			i;

	if (sign > 0 && merge_summary(w, p, map, &folds))
	{
		if (folds)
		{
			AdoptionStatus status = fold(w);

			if (status != ADOPTION_OK)
				return status;
		}
	}
	else
		for (i = 0; i < p->nperiods; i++)
		{
			double		values[2];
			int64_t		rows[2];
			AdoptionStatus status;

			if (!summary_period(w, p, i, map, sign, values, rows))
				continue;
			status = adoption_work_add(w, adoption_key(p, i), values, rows);
			if (status != ADOPTION_OK)
				return status;
		}
	adoption_tails_begin(p, size, labelled, &cursor);
	while (adoption_tails_next(&cursor, &tail))
	{
		int			to = map ? map[tail.series] : tail.series;
		int			c;

		if (to < 0)
			continue;
		for (c = 0; c < tail.n; c++)
			log_push(w, adoption_key(p, tail.period), to, sign * tail.comp[c]);
	}
	if (w->nlog - w->log_settled > 64 + 2 * w->nperiods * (int) w->nseries)
		return fold(w);
	return ADOPTION_OK;
}

AdoptionStatus
adoption_work_settle(AdoptionWork *w)
{
	/* a fold re-canonicalizes heads that exact additions moved since the last */
	return w->nlog > 0 ? fold(w) : compact(w, w->capacity);
}

/* The tail of entry e's series s in the settled log, from *at on: count. */
static int
tail_at(const AdoptionWork *w, int *at, int64_t key, int series)
{
	int			n = 0;

	while (*at < w->nlog && (w->log[*at].key < key ||
							 (w->log[*at].key == key && w->log[*at].series < series)))
		(*at)++;
	while (*at + n < w->nlog && w->log[*at + n].key == key && w->log[*at + n].series == series)
		n++;
	return n;
}

AdoptionStatus
adoption_work_flat_size(AdoptionWork *w, size_t *size)
{
	AdoptionStatus status = adoption_work_settle(w);
	int			at = 0;
	int			i;
	int			s;

	if (status != ADOPTION_OK)
		return status;
	w->flat_periods = 0;
	w->flat_tails = 0;
	w->flat_components = 0;
	for (i = 0; i < w->nperiods; i++)
	{
		const unsigned char *e = adoption_work_entry(w, i);
		int64_t		key = adoption_work_key(w, i);
		int64_t		total = 0;

		for (s = 0; s < w->nseries; s++)
		{
			double		head = ((const double *) e)[s];
			int64_t		rows = entry_rows(w, e, s);
			int			n = tail_at(w, &at, key, s);

			w->failed_key = key;
			w->failed_series = s;
			if (rows < 0 || head < 0.0 || (rows == 0 && (head != 0.0 || n > 0)))
				return ADOPTION_NOT_CONTAINED;
			if (__builtin_add_overflow(total, rows, &total))
				return ADOPTION_ROWS_OVERFLOW;
			if (n > 0)
			{
				w->flat_tails++;
				w->flat_components += n;
			}
		}
		if (total > 0)
			w->flat_periods++;
	}
	if (w->flat_periods > w->max_periods)
		return ADOPTION_TOO_MANY_PERIODS;
	*size = adoption_entries_size(w->nseries, w->flat_periods);
	if (w->flat_tails > 0)
		*size = adoption_tails_offset(*size) +
			adoption_tails_size(w->flat_tails, w->flat_components);
	return ADOPTION_OK;
}

void
adoption_work_flatten(AdoptionWork *w, AdoptionPeriods *dst)
{
	int			k = w->nseries;
	char	   *tails = NULL;
	int			out = 0;
	int			at = 0;
	int			i;
	int			s;

	adoption_periods_init(dst, (AdoptionTimeKind) w->kind, k, w->flat_periods, w->flat_tails > 0);
	if (w->flat_tails > 0)
	{
		tails = (char *) dst + adoption_tails_offset(adoption_entries_size(k, w->flat_periods));
		memset(adoption_labels_at(dst), 0, tails - adoption_labels_at(dst));
		adoption_tails_start(tails, (uint32_t) w->flat_tails);
		tails += ADOPTION_TAILS_HEADER;
	}
	for (i = 0; i < w->nperiods; i++)
	{
		const unsigned char *e = adoption_work_entry(w, i);
		AdoptionSlot *slot = dst->slots + (size_t) out * adoption_entry_slots(k);
		int64_t		key = adoption_work_key(w, i);
		int64_t		total = 0;

		for (s = 0; s < k; s++)
			total += entry_rows(w, e, s);
		if (total == 0)
			continue;			/* a subtraction emptied it */
		slot[0].i = key;
		for (s = 0; s < k; s++)
		{
			int			n = tail_at(w, &at, key, s);
			double		comp[MAX_TAIL];
			int			c;

			slot[1 + s].d = ((const double *) e)[s] + 0.0;
			slot[1 + k + s].i = entry_rows(w, e, s);
			if (n > 0)
			{
				for (c = 0; c < n; c++)
					comp[c] = w->log[at + c].value;
				tails = adoption_tail_write(tails, out, s, comp, n);
			}
		}
		out++;
	}
}

static int
compare_keys(const void *a, const void *b)
{
	int64_t		x = *(const int64_t *) a;
	int64_t		y = *(const int64_t *) b;

	return (x > y) - (x < y);
}

void
adoption_market_plan(AdoptionWork *const *works, int n, size_t labels_size,
					 const AdoptionMemory *mem, AdoptionMarketPlan *plan)
{
	int64_t		total = 0;
	int			l;
	int			i;
	int			u = 0;

	memset(plan, 0, sizeof(*plan));
	for (l = 0; l < n; l++)
	{
		total += works[l]->flat_periods;
		plan->tails += works[l]->flat_tails;
		plan->components += works[l]->flat_components;
	}
	plan->keys = mem->alloc(mem->arg, sizeof(int64_t) * (size_t) (total > 0 ? total : 1));
	for (l = 0; l < n; l++)
		for (i = 0; i < works[l]->nperiods; i++)
			if (entry_rows(works[l], adoption_work_entry(works[l], i), 0) > 0)
				plan->keys[u++] = adoption_work_key(works[l], i);
	qsort(plan->keys, (size_t) u, sizeof(int64_t), compare_keys);
	plan->nkeys = 0;
	for (i = 0; i < u; i++)
		if (plan->nkeys == 0 || plan->keys[plan->nkeys - 1] != plan->keys[i])
			plan->keys[plan->nkeys++] = plan->keys[i];
	plan->labels_size = labels_size;
	plan->size = adoption_entries_size(n, plan->nkeys) + labels_size;
	if (plan->tails > 0)
		plan->size = adoption_tails_offset(plan->size) +
			adoption_tails_size(plan->tails, plan->components);
}

void
adoption_market_flatten(AdoptionWork *const *works, int n, const AdoptionMarketPlan *plan,
						AdoptionPeriods *dst)
{
	const AdoptionMemory *mem;
	int		   *next;
	int		   *log_at;
	char	   *tails = NULL;
	int			p;
	int			l;

	if (n == 0)
		return;					/* the caller wrote the header of an empty market */
	mem = works[0]->mem;
	next = mem->alloc(mem->arg, sizeof(int) * 2 * (size_t) n);
	log_at = next + n;
	memset(next, 0, sizeof(int) * 2 * (size_t) n);
	adoption_periods_init(dst, (AdoptionTimeKind) works[0]->kind, n, plan->nkeys, plan->tails > 0);
	if (plan->tails > 0)
	{
		char	   *labels_end = adoption_labels_at(dst) + plan->labels_size;

		tails = (char *) dst + adoption_tails_offset((size_t) (labels_end - (char *) dst));
		memset(labels_end, 0, tails - labels_end);
		adoption_tails_start(tails, (uint32_t) plan->tails);
		tails += ADOPTION_TAILS_HEADER;
	}
	for (p = 0; p < plan->nkeys; p++)
	{
		AdoptionSlot *slot = dst->slots + (size_t) p * adoption_entry_slots(n);
		int64_t		key = plan->keys[p];

		slot[0].i = key;
		for (l = 0; l < n; l++)
		{
			const AdoptionWork *w = works[l];
			const unsigned char *e;
			int			t;
			double		comp[MAX_TAIL];
			int			c;

			/* passing over entries a subtraction emptied */
			while (next[l] < w->nperiods &&
				   (adoption_work_key(w, next[l]) < key ||
					entry_rows(w, adoption_work_entry(w, next[l]), 0) == 0))
				next[l]++;
			if (next[l] >= w->nperiods || adoption_work_key(w, next[l]) != key)
			{
				slot[1 + l].d = 0.0;
				slot[1 + n + l].i = 0;
				continue;
			}
			e = adoption_work_entry(w, next[l]);
			slot[1 + l].d = ((const double *) e)[0] + 0.0;
			slot[1 + n + l].i = entry_rows(w, e, 0);
			t = tail_at(w, &log_at[l], key, 0);
			if (t > 0)
			{
				for (c = 0; c < t; c++)
					comp[c] = w->log[log_at[l] + c].value;
				tails = adoption_tail_write(tails, p, l, comp, t);
			}
			next[l]++;
		}
	}
	mem->free(mem->arg, next);
}
