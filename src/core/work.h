/*
 * work.h
 *	  The working form of a period table: where an aggregate adds its rows.
 *
 * A transition adds one observation at a time: a period key, a value and a
 * row count per series.  The working form keeps, per period, one entry:
 *
 *	sum[0] ... sum[nseries-1] | key | rows[0] ... rows[nseries-1]
 *
 * in one of two layouts.  The narrow one, for ordinary data, keeps the key
 * as an int32 (days for dates and timestamps at midnight, the integer for
 * numeric time) and row counts as uint16: 24 bytes a period for a rivalry,
 * 16 for a trend.  The first key or count that does not fit moves the table
 * to the wide layout (int64 key and counts, as the canonical form has them).
 *
 * Entries are sorted up to nsorted; rows in no order append new periods
 * after that, and compaction sorts and merges them in.  A whole summary,
 * whose periods are in order, merges into a table without such a tail in
 * one pass from the back.  Sums are exact
 * (exact.h): an addition that rounds appends its rounding error to a log,
 * and settling the table folds the log into canonical expansions.  So the
 * table's sums are the same bits whatever the order of the rows.
 *
 * The table grows by allocating a larger block through the caller's
 * allocator, copying, and freeing the old block (never in place).  Only this
 * file and work.c know the layouts; everything else adds rows, adds whole
 * summaries, and asks for the canonical form.
 *
 * Plain C99; no PostgreSQL headers.
 */
#ifndef ADOPTION_WORK_H
#define ADOPTION_WORK_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "exact.h"
#include "periods.h"
#include "timeaxis.h"

/* Memory the caller gives the core: alloc never returns NULL. */
typedef struct AdoptionMemory
{
	void	   *(*alloc) (void *arg, size_t size);
	void		(*free) (void *arg, void *ptr);
	void	   *arg;
} AdoptionMemory;

typedef enum AdoptionStatus
{
	ADOPTION_OK = 0,
	ADOPTION_SUM_OVERFLOW,		/* a sum beyond double precision */
	ADOPTION_ROWS_OVERFLOW,		/* a row count beyond bigint */
	ADOPTION_TOO_MANY_PERIODS,	/* more periods than max_periods */
	ADOPTION_NOT_CONTAINED		/* a subtraction removed what was not there */
} AdoptionStatus;

/* A rounding error of a sum, waiting to be folded in. */
typedef struct AdoptionLogEntry
{
	int64_t		key;
	int32_t		series;
	int32_t		unused;
	double		value;
} AdoptionLogEntry;

typedef struct AdoptionWork
{
	/* what a row reads, first: a row touches as few cache lines as it can */
	unsigned char *entries;		/* capacity entries of entry_size bytes */
	int64_t		last_key;		/* canonical keys of the last, first and */
	int64_t		first_key;		/* last sorted entries */
	int64_t		sorted_last_key;
	int32_t		nperiods;		/* entries in use */
	int32_t		nsorted;		/* leading entries sorted and distinct */
	int32_t		capacity;
	uint16_t	nseries;		/* 1 or 2 */
	uint16_t	entry_size;
	uint8_t		kind;			/* AdoptionTimeKind */
	uint8_t		wide;			/* layout: 0 narrow, 1 wide */
	/*
	 * Look periods up before appending them?  Rows in no order that each
	 * bring a new period (one row per period, per group) gain nothing from
	 * a lookup that misses; rows that repeat periods do.  Compaction sees
	 * which: it sets this when a quarter of the tail merged into periods
	 * already there.
	 */
	bool		probe;
	int32_t		scale_for;		/* nsorted when scale was computed, or 0 */
	double		scale;			/* lookup interpolation: (nsorted - 1) / key span */
	/*
	 * While probe is set, a filter of the periods in the table: bit
	 * adoption_key_bit(key) is set for each.  A clear bit means a period is
	 * new, and a lookup need not read the table.  (Compaction rebuilds it
	 * when it sets probe.)
	 */
	uint64_t	seen[4];
	/* the rest is read off the common paths */
	const AdoptionMemory *mem;
	AdoptionLogEntry *log;		/* nlog of log_capacity */
	int32_t	   *log_map;		/* a big log's newest entry per sum: index + 1 */
	int32_t		log_map_size;	/* a power of two, twice log_capacity */
	int32_t		nlog;
	int32_t		log_capacity;
	int32_t		log_settled;	/* log entries left by the last settling */
	int32_t		max_periods;	/* the most distinct periods allowed */
	/* set by adoption_work_flat_size() for adoption_work_flatten() */
	int32_t		flat_periods;
	int32_t		flat_tails;
	int32_t		flat_components;
	/* where the last error happened: the period key and series */
	int			failed_series;
	int64_t		failed_key;
} AdoptionWork;

#define ADOPTION_NARROW_ROWS_MAX 65535

/* Set up an empty table of nseries (1 or 2) series; allocates nothing yet. */
extern void adoption_work_init(AdoptionWork *w, const AdoptionMemory *mem,
							   AdoptionTimeKind kind, int nseries, int max_periods);

/* Free the table's memory (the struct itself is the caller's). */
extern void adoption_work_free(AdoptionWork *w);

static inline unsigned char *
adoption_work_entry(const AdoptionWork *w, int i)
{
	return w->entries + (size_t) i * w->entry_size;
}

/* A key in the narrow layout's int32 form, when it has one. */
static inline bool
adoption_narrow_key(AdoptionTimeKind kind, int64_t key, int32_t *narrow)
{
	if (kind == ADOPTION_TIME_NUMBER)
	{
		double		n = adoption_key_number(key);

		if (!(n >= -2147483648.0 && n <= 2147483647.0) || n != (double) (int32_t) n)
			return false;
		*narrow = (int32_t) n;
		return true;
	}
	if (key % ADOPTION_USECS_PER_DAY != 0)
		return false;
	*narrow = (int32_t) (key / ADOPTION_USECS_PER_DAY);
	return true;
}

/* The bit of a key in the filter of periods seen (a multiplicative hash). */
static inline int
adoption_key_bit(int64_t key)
{
	return (int) (((uint64_t) key * UINT64_C(0x9E3779B97F4A7C15)) >> 56);
}

static inline void
adoption_work_see(AdoptionWork *w, int64_t key)
{
	int			bit = adoption_key_bit(key);

	w->seen[bit >> 6] |= UINT64_C(1) << (bit & 63);
}

static inline bool
adoption_work_seen(const AdoptionWork *w, int64_t key)
{
	int			bit = adoption_key_bit(key);

	return (w->seen[bit >> 6] >> (bit & 63)) & 1;
}

/* The key stored in entry e, as the layout stores it (int32 or int64): it orders entries. */
static inline int64_t
adoption_entry_raw_key(const AdoptionWork *w, const unsigned char *e)
{
	e += 8 * (size_t) w->nseries;
	if (w->wide)
	{
		int64_t		key;

		memcpy(&key, e, sizeof(key));
		return key;
	}
	else
	{
		int32_t		n;

		memcpy(&n, e, sizeof(n));
		return n;
	}
}

/* The canonical key of entry e. */
static inline int64_t
adoption_entry_key(const AdoptionWork *w, const unsigned char *e)
{
	int64_t		raw = adoption_entry_raw_key(w, e);

	if (w->wide)
		return raw;
	return w->kind == ADOPTION_TIME_NUMBER ?
		adoption_number_key((double) raw) : raw * ADOPTION_USECS_PER_DAY;
}

/* The canonical key of entry i, and as the layout stores it. */
static inline int64_t
adoption_work_key(const AdoptionWork *w, int i)
{
	return adoption_entry_key(w, adoption_work_entry(w, i));
}

static inline int64_t
adoption_work_raw_key(const AdoptionWork *w, int i)
{
	return adoption_entry_raw_key(w, adoption_work_entry(w, i));
}

/* A canonical key as the layout stores it; false when narrow cannot. */
static inline bool
adoption_work_raw_of(const AdoptionWork *w, int64_t key, int64_t *raw)
{
	int32_t		n;

	if (w->wide)
	{
		*raw = key;
		return true;
	}
	if (!adoption_narrow_key((AdoptionTimeKind) w->kind, key, &n))
		return false;
	*raw = n;
	return true;
}

/*
 * Index of key among the sorted entries, or -1.  Periods are usually evenly
 * spaced (days, months, years), so a guess by interpolation, checked with
 * its neighbours, finds most keys in one probe; the rest fall to a binary
 * search without branches on the comparisons (rows in no order make those
 * unpredictable).
 */
static inline int
adoption_work_find_in(AdoptionWork *w, int64_t key, bool filtered)
{
	int64_t		raw;
	int64_t		first = 0;
	int64_t		last = 0;
	int			n = w->nsorted;
	int			lo = 0;

	if (n == 0 || key < w->first_key || key > w->sorted_last_key ||
		(filtered && !adoption_work_seen(w, key)) || !adoption_work_raw_of(w, key, &raw))
		return -1;
	/* from the keys at hand, not the table's: a lookup reads only what it probes */
	(void) adoption_work_raw_of(w, w->first_key, &first);
	(void) adoption_work_raw_of(w, w->sorted_last_key, &last);
	if (n > 2)
	{
		int			guess;
		int64_t		k;

		if (w->scale_for != n)
		{
			/* once per change of the sorted part: no division per row */
			w->scale = (n - 1) / ((double) last - (double) first);
			w->scale_for = n;
		}
		guess = (int) (((double) raw - (double) first) * w->scale + 0.5);
		guess = guess < 0 ? 0 : guess >= n ? n - 1 : guess;
		k = adoption_work_raw_key(w, guess);
		if (k == raw)
			return guess;
		if (k < raw && guess + 1 < n)
		{
			int64_t		next = adoption_work_raw_key(w, guess + 1);

			if (next >= raw)
				return next == raw ? guess + 1 : -1;	/* between two: absent */
		}
		if (k > raw && guess > 0)
		{
			int64_t		prev = adoption_work_raw_key(w, guess - 1);

			if (prev <= raw)
				return prev == raw ? guess - 1 : -1;
		}
	}
	while (n > 1)
	{
		int			half = n / 2;

		lo = adoption_work_raw_key(w, lo + half) <= raw ? lo + half : lo;
		n -= half;
	}
	return adoption_work_raw_key(w, lo) == raw ? lo : -1;
}

/* The same, trusting the filter of periods seen (while probe is set). */
static inline int
adoption_work_find(AdoptionWork *w, int64_t key)
{
	return adoption_work_find_in(w, key, w->probe);
}

/* The transition's path: inlined into its callers, whatever the compiler's guess. */
#define ADOPTION_HOT_PATH static inline __attribute__((always_inline))

/*
 * Is a + b, rounded, exactly a + b?  One of the two differences is exact
 * (Dekker: the one from the larger operand), so both give back the other
 * operand exactly when, and only when, the sum did not round.  Shorter
 * than a two-sum, and false for NaN and overflow.
 */
ADOPTION_HOT_PATH bool
adoption_sum_is_exact(double a, double b, double s)
{
	return s - a == b && s - b == a;
}

/*
 * Add values and rows to entry e of a table of k series (k its nseries, a
 * constant where the caller knows it, so that the loops unroll) when every
 * sum stays exact and every count fits the layout; false, changing
 * nothing, otherwise.
 */
ADOPTION_HOT_PATH bool
adoption_work_accumulate(const AdoptionWork *w, int k, unsigned char *e, const double *values,
						 const int64_t *rows)
{
	double	   *sums = (double *) e;
	double		next[2];
	int			s;

	for (s = 0; s < k; s++)
	{
		next[s] = sums[s] + values[s];
		if (!adoption_sum_is_exact(sums[s], values[s], next[s]))
			return false;		/* rounded, or overflowed */
	}
	if (w->wide)
	{
		int64_t		r[2];

		memcpy(r, e + 8 * k + 8, sizeof(int64_t) * k);
		for (s = 0; s < k; s++)
			if (__builtin_add_overflow(r[s], rows[s], &r[s]))
				return false;
		memcpy(e + 8 * k + 8, r, sizeof(int64_t) * k);
	}
	else
	{
		uint16_t	r[2];

		memcpy(r, e + 8 * k + 4, sizeof(uint16_t) * k);
		for (s = 0; s < k; s++)
		{
			if (rows[s] < 0 || rows[s] > ADOPTION_NARROW_ROWS_MAX - r[s])
				return false;
			r[s] = (uint16_t) (r[s] + rows[s]);
		}
		memcpy(e + 8 * k + 4, r, sizeof(uint16_t) * k);
	}
	for (s = 0; s < k; s++)
		sums[s] = next[s];
	return true;
}

extern AdoptionStatus adoption_work_add_slow(AdoptionWork *w, int64_t key,
											 const double *values, const int64_t *rows);

/*
 * Add one observation to a table of k series (its nseries, known to the
 * caller): values[s] to series s with rows[s] rows (0 for a series the row
 * does not feed).  The common cases, a row of the last row's period, of the
 * next period in order, or of a period already in the sorted part (while
 * lookups pay), are written straight to the table; the rest take
 * adoption_work_add_slow().
 */
ADOPTION_HOT_PATH AdoptionStatus
adoption_work_add_to(AdoptionWork *w, int k, int64_t key, const double *values,
					 const int64_t *rows)
{
	int			i;

	if (w->nperiods > 0 && key == w->last_key)
	{
		if (adoption_work_accumulate(w, k, adoption_work_entry(w, w->nperiods - 1), values, rows))
			return ADOPTION_OK;
	}
	else if (w->nsorted == w->nperiods && (w->nperiods == 0 || key > w->last_key) &&
			 w->nperiods < w->capacity)
	{
		/* the next period: written with stores only */
		unsigned char *e = adoption_work_entry(w, w->nperiods);
		double	   *sums = (double *) e;
		int			s;

		if (w->wide)
		{
			for (s = 0; s < k; s++)
				sums[s] = values[s] + 0.0;	/* -0 is 0 */
			memcpy(e + 8 * k, &key, sizeof(int64_t));
			memcpy(e + 8 * k + 8, rows, sizeof(int64_t) * k);
		}
		else
		{
			int32_t		narrow;
			uint16_t	r[2];

			if (!adoption_narrow_key((AdoptionTimeKind) w->kind, key, &narrow))
				return adoption_work_add_slow(w, key, values, rows);
			for (s = 0; s < k; s++)
			{
				if (rows[s] < 0 || rows[s] > ADOPTION_NARROW_ROWS_MAX)
					return adoption_work_add_slow(w, key, values, rows);
				r[s] = (uint16_t) rows[s];
			}
			for (s = 0; s < k; s++)
				sums[s] = values[s] + 0.0;
			memcpy(e + 8 * k, &narrow, sizeof(int32_t));
			memcpy(e + 8 * k + 4, r, sizeof(uint16_t) * k);
		}
		if (w->nperiods == 0)
			w->first_key = key;
		if (w->probe)
			adoption_work_see(w, key);
		w->nperiods++;
		w->nsorted++;
		w->last_key = key;
		w->sorted_last_key = key;
		return ADOPTION_OK;
	}
	else if (w->probe && (i = adoption_work_find(w, key)) >= 0)
	{
		if (adoption_work_accumulate(w, k, adoption_work_entry(w, i), values, rows))
			return ADOPTION_OK;
	}
	return adoption_work_add_slow(w, key, values, rows);
}

/* The same for a table of any nseries: values and rows hold two elements. */
static inline AdoptionStatus
adoption_work_add(AdoptionWork *w, int64_t key, const double values[2], const int64_t rows[2])
{
	return w->nseries == 2 ? adoption_work_add_to(w, 2, key, values, rows) :
		adoption_work_add_to(w, 1, key, values, rows);
}

/*
 * Add every period of summary p ("size" bytes; labelled for a market) with
 * its tails, times sign (1 to add, -1 to subtract).  Series s of p goes to
 * series map[s] of the table, or nowhere when map[s] is -1; map NULL is
 * the identity.  Periods where no mapped series has rows are passed over.
 */
extern AdoptionStatus adoption_work_add_summary(AdoptionWork *w, const AdoptionPeriods *p,
												size_t size, bool labelled, const int *map,
												int sign);

/*
 * Sort and merge, and fold the log into canonical sums: afterwards the
 * entries are sorted, distinct and canonical, and the log holds only the
 * tails of canonical expansions.
 */
extern AdoptionStatus adoption_work_settle(AdoptionWork *w);

/*
 * The canonical form's size: settles the table, checks every sum and count
 * (ADOPTION_NOT_CONTAINED where a subtraction left a negative count or a
 * sum without rows), and passes over periods left without rows.
 */
extern AdoptionStatus adoption_work_flat_size(AdoptionWork *w, size_t *size);

/* Write the canonical form (after adoption_work_flat_size()) to dst. */
extern void adoption_work_flatten(AdoptionWork *w, AdoptionPeriods *dst);

/*
 * Markets: the tables of several labels, each of one series, as one
 * canonical market: the union of their periods, a series per label.  The
 * works are in the labels' order, each sized by adoption_work_flat_size()
 * (a label may have no rows).  The plan's keys come from mem.
 */
typedef struct AdoptionMarketPlan
{
	int64_t    *keys;			/* the union of the periods, sorted */
	int32_t		nkeys;
	int32_t		tails;			/* tail records */
	int64_t		components;		/* tail components */
	size_t		labels_size;	/* bytes of the labels, stored by the caller */
	size_t		size;			/* bytes of the market */
} AdoptionMarketPlan;

extern void adoption_market_plan(AdoptionWork *const *works, int n, size_t labels_size,
								 const AdoptionMemory *mem, AdoptionMarketPlan *plan);

/*
 * Write the market (header, entries, tails) to dst; the caller stores the
 * labels at adoption_labels_at(dst) before or after.
 */
extern void adoption_market_flatten(AdoptionWork *const *works, int n,
									const AdoptionMarketPlan *plan, AdoptionPeriods *dst);

#endif							/* ADOPTION_WORK_H */
