/*
 * sqltime.h
 *	  SQL time values and the summaries' time axis (src/core/timeaxis.h):
 *	  period keys of time arguments, instants and points of fitted x, and
 *	  intervals counted in seconds.
 */
#ifndef ADOPTION_SQLTIME_H
#define ADOPTION_SQLTIME_H

#include "postgres.h"

#include "datatype/timestamp.h"
#include "fmgr.h"

#include "core/periods.h"

/* The kind of time of a type (a domain counts as its base type); 42804 for others. */
extern AdoptionTimeKind TimeKindOfType(Oid typid);

/*
 * The kind of time of a transition function's time argument (its second),
 * from the function's own declared signature, looked up once per FmgrInfo.
 * Never from the call expression: Citus's worker_partial_agg, like any
 * caller through plain fmgr, has none.
 */
extern AdoptionTimeKind TransitionTimeKind(FunctionCallInfo fcinfo, const char *function);

/* The period key of a time argument; refuses NaN and infinities. */
extern int64 TimeKey(Datum time, AdoptionTimeKind kind, const char *argname);

/* Error unless the summary's time is a timestamp or date (hint: the _point twin). */
extern void CheckInstantKind(const AdoptionPeriods *p, const char *function,
							 const char *numeric_hint);

/*
 * The instant at x (seconds from the summary's first period) as timestamptz.
 * Beyond timestamptz's range: -infinity/infinity when clamp, else 22008.
 */
extern TimestampTz SummaryInstant(const AdoptionPeriods *p, double x, bool clamp);

/* An instant as x. */
extern double InstantX(const AdoptionPeriods *p, TimestampTz t);

/* x as a number in the time column's units: epoch seconds for time kinds. */
extern double XPoint(const AdoptionPeriods *p, double x);

/*
 * A "per" or "unit" interval in x units: seconds, as
 * extract(epoch FROM interval) counts them (a month is 30 days, a year
 * 365.25).  NULL (isnull) gives default_interval for time kinds and one
 * unit for numeric time, where an interval is an error.
 */
extern double PerInterval(const AdoptionPeriods *p, Interval *per, bool isnull,
						  const char *argname, const Interval *default_interval);

/* PerInterval() of argument argno, which may be NULL. */
#define PerArgument(fcinfo, argno, p, argname, default_interval) \
	PerInterval((p), PG_ARGISNULL(argno) ? NULL : DatumGetIntervalP(PG_GETARG_DATUM(argno)), \
				PG_ARGISNULL(argno), (argname), (default_interval))

/* projection(): until finite, step positive; the k-th step after last. */
extern void CheckProjectionArgs(TimestampTz until, const Interval *step);
extern TimestampTz ProjectionStep(TimestampTz last, Interval *step, int64 k);

#endif							/* ADOPTION_SQLTIME_H */
