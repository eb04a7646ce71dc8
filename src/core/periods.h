/*
 * periods.h
 *	  The canonical period table: every summary as a value.
 *
 * A summary is a period table: the distinct periods of a group, sorted,
 * each with the summed value of each series and the number of rows that fed
 * it.  Every model is computed from it exactly at the end.  This is the
 * form that is stored, sent and compared (the glue makes it a varlena), so
 * it is canonical: equal summaries have equal bytes.  Its layout is the one
 * 0.4.0 stored, so that summaries on disk keep working:
 *
 *	header (32 bytes)
 *	entries: nperiods of 1 + 2 * nseries eight-byte slots each,
 *		key | sum[0] ... sum[nseries-1] | rows[0] ... rows[nseries-1]
 *	labels (markets only, adoption_labels_store())
 *	tails (version 2 only), from the next multiple of 8:
 *		uint32 count, uint32 zero, then count records of
 *		int32 period, uint16 series, uint16 n, n doubles
 *
 * A sum is exact (src/core/exact.h): its slot holds the head of its
 * canonical expansion, the sum correctly rounded, and a tail record holds
 * the rest where there is any.  Summaries of counts have no tails and are
 * version 1; a summary with tails is version 2.
 *
 * Keys are period keys of the summary's kind of time (timeaxis.h).
 * Working forms, with spare room and rows out of order, live in work.h.
 *
 * Plain C99; no PostgreSQL headers.
 */
#ifndef ADOPTION_PERIODS_H
#define ADOPTION_PERIODS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "labels.h"
#include "timeaxis.h"

#define ADOPTION_FORMAT_VERSION 1	/* sums all exact as doubles */
#define ADOPTION_FORMAT_EXACT 2		/* with a tails section */

typedef union AdoptionSlot
{
	int64_t		i;
	double		d;
} AdoptionSlot;

typedef struct AdoptionPeriods
{
	int32_t		vl_len_;		/* the glue's length word (a varlena header) */
	uint8_t		version;		/* ADOPTION_FORMAT_VERSION or _EXACT */
	uint8_t		kind;			/* AdoptionTimeKind */
	uint16_t	nseries;		/* 1 for trend, 2 for rivalry, labels for market */
	int32_t		nperiods;
	/*
	 * 0.4.0 kept its working form in these.  Every summary has nperiods,
	 * nperiods, 0 and 0.0 here.
	 */
	int32_t		legacy_nsorted;
	int32_t		legacy_capacity;
	int32_t		legacy_scale_for;
	double		legacy_scale;
	AdoptionSlot slots[];
} AdoptionPeriods;

#define ADOPTION_HEADER_SIZE offsetof(AdoptionPeriods, slots)

/* Slots of one entry: the one place that knows it. */
static inline size_t
adoption_entry_slots(int nseries)
{
	return 1 + 2 * (size_t) nseries;
}

/* Bytes of the header and n entries of nseries series. */
static inline size_t
adoption_entries_size(int nseries, int64_t n)
{
	return ADOPTION_HEADER_SIZE + (size_t) n * adoption_entry_slots(nseries) * sizeof(AdoptionSlot);
}

static inline const AdoptionSlot *
adoption_entry(const AdoptionPeriods *p, int i)
{
	return p->slots + (size_t) i * adoption_entry_slots(p->nseries);
}

static inline int64_t
adoption_key(const AdoptionPeriods *p, int i)
{
	return adoption_entry(p, i)[0].i;
}

/* The sum of series s in period i, correctly rounded (its head). */
static inline double
adoption_sum(const AdoptionPeriods *p, int i, int s)
{
	return adoption_entry(p, i)[1 + s].d;
}

static inline int64_t
adoption_rows(const AdoptionPeriods *p, int i, int s)
{
	return adoption_entry(p, i)[1 + p->nseries + s].i;
}

/* Move period i to another key (the caller puts the periods back in order). */
static inline void
adoption_set_key(AdoptionPeriods *p, int i, int64_t key)
{
	p->slots[(size_t) i * adoption_entry_slots(p->nseries)].i = key;
}

/* Total rows of period i over all series. */
extern int64_t adoption_period_rows(const AdoptionPeriods *p, int i);

/* Where the labels start (after the entries) and where they end. */
static inline char *
adoption_labels_at(const AdoptionPeriods *p)
{
	return (char *) p + adoption_entries_size(p->nseries, p->nperiods);
}

extern const char *adoption_labels_end(const AdoptionPeriods *p, bool labelled);

/* Where a tails section starts, given where the labels end. */
static inline size_t
adoption_tails_offset(size_t labels_end)
{
	return (labels_end + 7) & ~(size_t) 7;
}

#define ADOPTION_TAILS_HEADER 8
#define ADOPTION_TAIL_RECORD 8

/* A tail: the components after the head of one period's sum of one series. */
typedef struct AdoptionTail
{
	int32_t		period;
	int			series;
	int			n;
	const double *comp;
} AdoptionTail;

typedef struct AdoptionTailCursor
{
	const char *at;
	const char *end;
	uint32_t	left;
} AdoptionTailCursor;

/* A cursor over the tails of a summary of total size "size" bytes. */
extern void adoption_tails_begin(const AdoptionPeriods *p, size_t size, bool labelled,
								 AdoptionTailCursor *c);
extern bool adoption_tails_next(AdoptionTailCursor *c, AdoptionTail *t);

/* The number of tail records of a summary (0 for version 1). */
extern uint32_t adoption_tails_count(const AdoptionPeriods *p, size_t size, bool labelled);

/* Bytes of a tails section with "records" records and "components" doubles. */
static inline size_t
adoption_tails_size(int64_t records, int64_t components)
{
	return records == 0 ? 0 :
		ADOPTION_TAILS_HEADER + (size_t) records * ADOPTION_TAIL_RECORD +
		(size_t) components * sizeof(double);
}

/* Write a tails section header and its records at "at". */
extern void adoption_tails_start(char *at, uint32_t count);
extern char *adoption_tail_write(char *at, int32_t period, int series, const double *comp, int n);

/* Set up the header of a summary of n periods. */
extern void adoption_periods_init(AdoptionPeriods *p, AdoptionTimeKind kind, int nseries,
								  int nperiods, bool exact);

/*
 * Periods from up to (not including) to of a summary of size bytes: its
 * entries, all its labels, and the tails of those periods.  The size of the
 * slice, and the slice written to dst (that many bytes, its length word
 * left to the caller).  A market's slice may keep labels with no rows left:
 * canonicalize it (a working table drops them).
 */
extern size_t adoption_periods_slice_size(const AdoptionPeriods *p, size_t size, bool labelled,
										  int from, int to);
extern void adoption_periods_slice(const AdoptionPeriods *p, size_t size, bool labelled,
								   int from, int to, AdoptionPeriods *dst);

/*
 * Problems adoption_periods_check() finds in a summary read from outside.
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
	ADOPTION_CHECK_EMPTY_PERIOD,
	ADOPTION_CHECK_LABELS,
	ADOPTION_CHECK_TAILS,
	ADOPTION_CHECK_SIZE
} AdoptionCheck;

/*
 * Check a summary of "size" bytes field by field: header, periods, sums,
 * row counts, labels (when labelled), tails, and that the parts fill size
 * exactly.  nseries is what the type expects (ignored when labelled).
 */
extern AdoptionCheck adoption_periods_check(const AdoptionPeriods *p, size_t size,
											int nseries, bool labelled);
extern const char *adoption_check_message(AdoptionCheck check);

#endif							/* ADOPTION_PERIODS_H */
