/*
 * period.h
 *	  The period table: the summary behind every aggregate of this extension.
 *
 * A period table holds the distinct periods of a group, each with the summed
 * value of each series and the number of rows that fed it.  Every model is
 * computed from it exactly at the end.  Its memory is one contiguous block
 * that the caller allocates (the glue makes it a varlena): a fixed header,
 * then "capacity" entries of 1 + 2 * nseries eight-byte slots each:
 *
 *		key | sum[0] ... sum[nseries-1] | rows[0] ... rows[nseries-1]
 *
 * Keys order periods.  For timestamps and dates a key is microseconds since
 * 2000-01-01 00:00 UTC (PostgreSQL's TimestampTz); for numeric time it is the
 * double's bits mapped so that signed integer order is numeric order.
 *
 * The canonical form has its periods sorted, distinct, and no spare capacity,
 * so equal tables have equal bytes.  The working form, used only inside an
 * aggregate's transition, also has spare capacity and may have an unsorted
 * tail (entries nsorted .. nperiods-1, possibly repeating periods) that
 * adoption_periods_compact() sorts and merges in.
 *
 * Plain C99; no PostgreSQL headers.
 */
#ifndef ADOPTION_PERIOD_H
#define ADOPTION_PERIOD_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define ADOPTION_FORMAT_VERSION 1

/* What the time column was; it decides how keys read and print. */
typedef enum AdoptionTimeKind
{
	ADOPTION_TIME_NUMBER = 0,	/* int, bigint, double precision, numeric */
	ADOPTION_TIME_TIMESTAMPTZ = 1,
	ADOPTION_TIME_TIMESTAMP = 2,	/* read as UTC */
	ADOPTION_TIME_DATE = 3		/* midnight UTC */
} AdoptionTimeKind;

#define ADOPTION_TIME_KINDS 4

typedef union AdoptionSlot
{
	int64_t		i;
	double		d;
} AdoptionSlot;

typedef struct AdoptionPeriods
{
	int32_t		vl_len_;		/* the caller's length word (a varlena header) */
	uint8_t		version;		/* ADOPTION_FORMAT_VERSION */
	uint8_t		kind;			/* AdoptionTimeKind */
	uint16_t	nseries;		/* 1 for trend, 2 for rivalry, labels for market */
	int32_t		nperiods;		/* entries in use */
	int32_t		nsorted;		/* leading entries sorted and distinct */
	int32_t		capacity;		/* entries allocated */
	/* working form only, zero in the canonical form: */
	int32_t		scale_for;		/* nsorted when scale was computed */
	double		scale;			/* (nsorted - 1) / (last key - first key) */
	AdoptionSlot slots[];
} AdoptionPeriods;

/* Bytes for a table of nseries series and room for capacity periods. */
static inline size_t
adoption_periods_size(int nseries, int capacity)
{
	return offsetof(AdoptionPeriods, slots) +
		(size_t) capacity * (size_t) (1 + 2 * nseries) * sizeof(AdoptionSlot);
}

/* The entry of period i. */
static inline AdoptionSlot *
adoption_entry(const AdoptionPeriods *p, int i)
{
	return (AdoptionSlot *) p->slots + (size_t) i * (size_t) (1 + 2 * p->nseries);
}

static inline int64_t
adoption_key(const AdoptionPeriods *p, int i)
{
	return adoption_entry(p, i)[0].i;
}

static inline double
adoption_sum(const AdoptionPeriods *p, int i, int series)
{
	return adoption_entry(p, i)[1 + series].d;
}

static inline int64_t
adoption_rows(const AdoptionPeriods *p, int i, int series)
{
	return adoption_entry(p, i)[1 + p->nseries + series].i;
}

/* Numeric time as a key and back; -0 is 0. */
extern int64_t adoption_number_key(double number);
extern double adoption_key_number(int64_t key);

/* Set up an empty table in memory of adoption_periods_size() bytes. */
extern void adoption_periods_init(AdoptionPeriods *p, AdoptionTimeKind kind,
								  int nseries, int capacity);

/* Add values and rows to entry e of a table of nseries series. */
static inline void
adoption_entry_add(AdoptionSlot *e, int nseries, const double *values, const int64_t *rows)
{
	int			s;

	for (s = 0; s < nseries; s++)
	{
		e[1 + s].d += values[s];
		e[1 + nseries + s].i += rows[s];
	}
}

/*
 * Fill entry e, a new period, with stores only: reading it first would wait
 * for its cache line.
 */
static inline void
adoption_entry_set(AdoptionSlot *e, int nseries, int64_t key, const double *values,
				   const int64_t *rows)
{
	int			s;

	e[0].i = key;
	for (s = 0; s < nseries; s++)
	{
		e[1 + s].d = values[s];
		e[1 + nseries + s].i = rows[s];
	}
}

/*
 * Index of key among the sorted entries (the first nsorted), or -1.  May
 * cache its interpolation scale in p.
 */
extern int	adoption_periods_find(AdoptionPeriods *p, int64_t key);

/* The interpolation scale of a lookup among n sorted keys from first to last (n > 1). */
static inline double
adoption_find_scale(int n, int64_t first, int64_t last)
{
	return (n - 1) / ((double) last - (double) first);
}

/*
 * The same, from what the caller knows of p without reading its header: the
 * first n entries are sorted, from key first to key last, and scale is
 * adoption_find_scale(n, first, last) (unused below 3 entries).  For a caller that
 * keeps those at hand, so that a lookup reads only the entries it probes.
 */
extern int	adoption_periods_find_in(const AdoptionPeriods *p, int nseries, int n,
									 int64_t first, int64_t last, double scale,
									 int64_t key);

/*
 * Add a period that is neither among the sorted entries nor the last entry:
 * it goes to the end.  Returns false, changing nothing, when the table is
 * full.  May compact the table.
 */
extern bool adoption_periods_add_new(AdoptionPeriods *p, int64_t key, const double *values,
									 const int64_t *rows);

extern bool adoption_periods_add_slow(AdoptionPeriods *p, int64_t key,
									  const double *values, const int64_t *rows);

/*
 * Add one observation: value[s] to series s with rows[s] rows (0 for a
 * series the row does not feed).  Returns false, changing nothing, when the
 * table is full: the caller copies it into a larger one
 * (adoption_periods_copy) and adds again.  May compact the table.
 *
 * Inline, the common case of rows in time order: the same period as the
 * last row.
 */
static inline bool
adoption_periods_add(AdoptionPeriods *p, int64_t key, const double *values,
					 const int64_t *rows)
{
	if (p->nperiods > 0)
	{
		AdoptionSlot *last = adoption_entry(p, p->nperiods - 1);

		if (last[0].i == key)
		{
			adoption_entry_add(last, p->nseries, values, rows);
			return true;
		}
	}
	return adoption_periods_add_slow(p, key, values, rows);
}

/* Sort and merge the unsorted tail in: afterwards nsorted == nperiods. */
extern void adoption_periods_compact(AdoptionPeriods *p);

/*
 * Copy src (compacted or not) into dst, which has room for capacity >=
 * src->nperiods entries; dst keeps that capacity.
 */
extern void adoption_periods_copy(AdoptionPeriods *dst, const AdoptionPeriods *src,
								  int capacity);

/*
 * Merge two compacted tables of the same kind and series into dst, which has
 * room for a->nperiods + b->nperiods entries: periods in both are summed.
 * dst->capacity becomes dst->nperiods (canonical).
 */
extern void adoption_periods_merge(AdoptionPeriods *dst, const AdoptionPeriods *a,
								   const AdoptionPeriods *b);

/*
 * Remove b's observations from a, both compacted, in place: the inverse of
 * merge.  False, leaving a unchanged, where b has a period a lacks or more
 * rows than a in some period.
 */
extern bool adoption_periods_subtract(AdoptionPeriods *a, const AdoptionPeriods *b);

/*
 * Copy src into dst (room for capacity entries of new_nseries series),
 * moving series s to map[s], or dropping it where map[s] is -1; series of dst
 * that no map entry names are zero.  For markets: a new label, labels in
 * sorted order, two labels out of many.
 */
extern void adoption_periods_remap(AdoptionPeriods *dst, const AdoptionPeriods *src,
								   const int *map, int new_nseries, int capacity);

/* Drop the periods without rows (after a remap dropped series). */
extern void adoption_periods_drop_empty(AdoptionPeriods *p);

/*
 * Problems adoption_periods_check() finds in a table read from outside.
 */
typedef enum AdoptionCheck
{
	ADOPTION_CHECK_OK = 0,
	ADOPTION_CHECK_VERSION,
	ADOPTION_CHECK_KIND,
	ADOPTION_CHECK_SERIES,
	ADOPTION_CHECK_COUNT,
	ADOPTION_CHECK_ORDER,
	ADOPTION_CHECK_KEY,
	ADOPTION_CHECK_VALUE,
	ADOPTION_CHECK_ROWS,
	ADOPTION_CHECK_EMPTY_PERIOD
} AdoptionCheck;

/* Check a canonical table field by field; nseries is what the type expects. */
extern AdoptionCheck adoption_periods_check(const AdoptionPeriods *p, int nseries);
extern const char *adoption_check_message(AdoptionCheck check);

/* Is key a valid period of this time kind (within PostgreSQL's range)? */
extern bool adoption_key_valid(AdoptionTimeKind kind, int64_t key);

#endif							/* ADOPTION_PERIOD_H */
