/*
 * summary.h
 *	  The summary types rivalry, trend and market in PostgreSQL: one
 *	  protocol for all three.
 *
 * A summary is a canonical period table (src/core/periods.h) as a varlena.
 * A small descriptor, SummaryKind, says what differs between the three
 * types: how many series, and whether the series are labelled.  Everything
 * else is shared: type I/O, equality, the aggregates' transition, combine
 * and final functions, rollup() and rolling() (docs/design.md).
 */
#ifndef ADOPTION_SUMMARY_H
#define ADOPTION_SUMMARY_H

#include "postgres.h"

#include "fmgr.h"

#include "core/periods.h"
#include "core/work.h"

typedef struct SummaryKind
{
	const char *name;			/* the SQL type: "rivalry", "trend", "market" */
	int			nseries;		/* 2, 1, or 0: one per label */
	bool		labelled;
	const char *series_names[2];	/* for messages: "a" and "b", "value" */
} SummaryKind;

extern const SummaryKind RivalryKind;
extern const SummaryKind TrendKind;
extern const SummaryKind MarketKind;

/*
 * A summary argument, detoasted (a working state is flattened) and
 * canonical.  kind NULL: any summary, for functions that only read its
 * periods.  Never modify it.
 */
extern AdoptionPeriods *SummaryArg(FunctionCallInfo fcinfo, int argno, const SummaryKind *kind);

#define PG_GETARG_RIVALRY(n) SummaryArg(fcinfo, (n), &RivalryKind)
#define PG_GETARG_TREND(n) SummaryArg(fcinfo, (n), &TrendKind)
#define PG_GETARG_MARKET(n) SummaryArg(fcinfo, (n), &MarketKind)
#define PG_GETARG_SUMMARY(n) SummaryArg(fcinfo, (n), NULL)

/* The kind of a canonical rivalry or trend, from its series count. */
extern const SummaryKind *KindOfSeries(const AdoptionPeriods *p);

/* palloc as the core's allocator; sizes past 1 GB are a 54000 error. */
extern const AdoptionMemory *PallocMemory(void);

/* A summary of size bytes (> 1 GB is 54000), its length word set. */
extern AdoptionPeriods *AllocSummary(size_t size);

/*
 * Report what the core said (nothing for ADOPTION_OK): a sum or a row count
 * past its type is 22003, too many periods 54000, a subtraction of what is
 * not there 22023.  key and series say where; label names a market's series.
 */
extern void ReportStatus(AdoptionStatus status, const SummaryKind *kind, AdoptionTimeKind time,
						 int64 key, int series, const char *label);

/* Error when more than adoption.max_periods periods (54000). */
extern void ReportTooManyPeriods(void) pg_attribute_noreturn();

/*
 * Refuse a summary read from outside: 22P02-style text ("invalid input
 * syntax for type ...", str given) or binary ("invalid external ... value",
 * str NULL), with the problem as the detail.
 */
extern void ReportInvalidSummary(int sqlstate, const char *typname, const char *str,
								 const char *problem) pg_attribute_noreturn();

/* Error unless two summaries are over the same kind of time (42804). */
extern void CheckSameKind(const AdoptionPeriods *a, const AdoptionPeriods *b);

/* A row that adds nothing: return the state as it is (NULL before the first row). */
#define PG_RETURN_STATE_UNCHANGED() \
	do { \
		if (PG_ARGISNULL(0)) \
			PG_RETURN_NULL(); \
		PG_RETURN_DATUM(PG_GETARG_DATUM(0)); \
	} while (0)

/*
 * Summaries as sums of rows (state.c): a + b (sign 1), or a - b (sign -1),
 * exactly; 22023 when b's rows are not among a's.  Canonical, in the
 * current context.
 */
/* The canonical form of a valid summary (a sliced market: no label without rows). */
extern AdoptionPeriods *SummaryCanonical(const SummaryKind *kind, const AdoptionPeriods *p);

extern AdoptionPeriods *SummaryAddUp(const SummaryKind *kind, AdoptionPeriods *a,
									 AdoptionPeriods *b, int sign);

/*
 * The canonical form of a summary whose rows may be in any order and
 * repeat (0.4.0 could store a market's working form): its rows added up
 * afresh.  labelled summaries keep their labels after "capacity" entries.
 */
extern AdoptionPeriods *SummaryFromRows(const SummaryKind *kind, const AdoptionPeriods *p,
										int capacity);

/*
 * A summary remade period by period (state.c): every period of p moved to
 * key map(key), periods that land together summed exactly.
 */
extern AdoptionPeriods *SummaryRekeyed(const SummaryKind *kind, const AdoptionPeriods *p,
									   int64 (*map) (int64 key, void *arg), void *arg);

/*
 * A market's labels a and b (indexes, or -1 for none) as a rivalry: equal
 * to rivalry_agg(time, label, value, a_label, b_label) over its rows.
 */
extern AdoptionPeriods *SummarySelect(const AdoptionPeriods *m, int a, int b);

/* Work space for fits of p. */
extern double *FitWorkspace(const AdoptionPeriods *p);

#endif							/* ADOPTION_SUMMARY_H */
