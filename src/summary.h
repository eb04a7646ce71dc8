/*
 * summary.h
 *	  The summary types rivalry and trend in PostgreSQL: period tables as
 *	  varlena values, and conversions between their keys and SQL values.
 */
#ifndef ADOPTION_SUMMARY_H
#define ADOPTION_SUMMARY_H

#include "postgres.h"

#include "datatype/timestamp.h"
#include "fmgr.h"

#include "core/fit.h"
#include "core/period.h"

#define RIVALRY_SERIES 2
#define TREND_SERIES 1

/* adoption.max_periods: the most periods one summary may hold */
extern int	adoption_max_periods;

/* A summary argument, detoasted and aligned (never modify it). */
#define PG_GETARG_PERIODS(n) ((AdoptionPeriods *) PG_DETOAST_DATUM(PG_GETARG_DATUM(n)))

/* Time kind of an argument's SQL type. */
extern AdoptionTimeKind TimeKindOfType(Oid typid);

/* The period key of a time argument; refuses NaN and infinities. */
extern int64 TimeKey(Datum time, AdoptionTimeKind kind, const char *argname);

/* Error unless the summary's time is a timestamp or date. */
extern void CheckInstantKind(const AdoptionPeriods *p, const char *function,
							 const char *numeric_hint);

/* projection(): until finite, step positive; the k-th step after last. */
extern void CheckProjectionArgs(TimestampTz until, const Interval *step);
extern TimestampTz ProjectionStep(TimestampTz last, Interval *step, int64 k);

/*
 * Refuse a summary read from outside: 22P02-style text ("invalid input
 * syntax for type ...", str given) or binary ("invalid external ... value",
 * str NULL), with the problem as the detail.
 */
extern void ReportInvalidSummary(int sqlstate, const char *typname, const char *str,
								 const char *problem) pg_attribute_noreturn();

/* A row that adds nothing: return the state as it is (NULL before the first row). */
#define PG_RETURN_STATE_UNCHANGED() \
	do { \
		if (PG_ARGISNULL(0)) \
			PG_RETURN_NULL(); \
		PG_RETURN_DATUM(PG_GETARG_DATUM(0)); \
	} while (0)

/* Error unless two summaries are over the same kind of time. */
extern void CheckSameKind(const AdoptionPeriods *a, const AdoptionPeriods *b);

/*
 * The time kind of a transition function's time argument (its second),
 * looked up once per query.
 */
extern AdoptionTimeKind ArgumentTimeKind(FunctionCallInfo fcinfo);

/*
 * Error unless a transition state is over the time argument's kind of time
 * (an aggregate of the user's may start from an INITCOND over another).
 */
extern void CheckStateKind(const AdoptionPeriods *p, FunctionCallInfo fcinfo);

/* A key offset by x (seconds) from the first period, as timestamptz. */
extern TimestampTz KeyPlusSeconds(const AdoptionPeriods *p, double x, bool clamp);

/* An instant as x: seconds since the summary's first period. */
extern double InstantX(const AdoptionPeriods *p, TimestampTz t);

/* x as a number in the input's units: epoch seconds for time kinds. */
extern double XPoint(const AdoptionPeriods *p, double x);

/*
 * A "per" or "unit" interval in x units: seconds, as extract(epoch FROM
 * interval) counts them.  NULL (isnull) gives default_interval for time
 * kinds and one unit for numeric time, where an interval is an error.
 */
extern double PerInterval(const AdoptionPeriods *p, Interval *per, bool isnull,
						  const char *argname, const Interval *default_interval);

/* PerInterval() of argument argno, which may be NULL. */
#define PerArgument(fcinfo, argno, p, argname, default_interval) \
	PerInterval((p), PG_ARGISNULL(argno) ? NULL : DatumGetIntervalP(PG_GETARG_DATUM(argno)), \
				PG_ARGISNULL(argno), (argname), (default_interval))

/* Error when more than adoption.max_periods periods. */
extern void CheckPeriodCount(int64 nperiods);

/*
 * The canonical form of a summary (compacted, no spare capacity): p itself
 * when it is canonical already, else a new copy.
 */
extern AdoptionPeriods *Canonical(AdoptionPeriods *p);

/* Merge two summaries of the same type into a new canonical one. */
extern AdoptionPeriods *MergeSummaries(AdoptionPeriods *a, AdoptionPeriods *b);

/* Capacities of transition states: the first one, and the next one up. */
extern int	InitialCapacity(int nseries);
extern int	GrownCapacity(const AdoptionPeriods *p);

/* adoption.max_labels: the most labels one market may hold */
extern int	adoption_max_labels;

/* Workspace for fits of p. */
extern double *FitWorkspace(const AdoptionPeriods *p);

#endif							/* ADOPTION_SUMMARY_H */
