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

/* Error unless the summary's time is a timestamp or date; the hint names twin. */
extern void CheckInstantKind(const AdoptionPeriods *p, const char *function, const char *twin);

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
						  const char *function, const char *argname,
						  const Interval *default_interval);

/* PerInterval() of argument argno, which may be NULL, of function (its SQL name). */
#define PerArgument(fcinfo, argno, p, function, argname, default_interval) \
	PerInterval((p), PG_ARGISNULL(argno) ? NULL : DatumGetIntervalP(PG_GETARG_DATUM(argno)), \
				PG_ARGISNULL(argno), (function), (argname), (default_interval))

/*
 * Argument argno as x: an instant (timestamptz) or, for a _point function,
 * a number in the time column's units (epoch seconds over time); finite.
 */
extern double ArgumentX(FunctionCallInfo fcinfo, int argno, const AdoptionPeriods *p, bool point,
						const char *argname);

/*
 * x as a result: an instant (timestamptz) or a point (float8); false, for a
 * NULL answer, where there is none (x infinite, or beyond timestamptz: a
 * parity in the year 300000 is no date a dashboard can use, and one group's
 * must not fail the query).
 */
extern bool XResult(const AdoptionPeriods *p, double x, bool point, Datum *value);

/* Period i's time as a result: its instant (timestamptz) or its point (float8). */
extern Datum PeriodResult(const AdoptionPeriods *p, int i, bool point);

/* projection(): until finite, step positive; the k-th step after last. */
extern void CheckProjectionArgs(TimestampTz until, const Interval *step);
extern TimestampTz ProjectionStep(TimestampTz last, Interval *step, int64 k);

#endif							/* ADOPTION_SQLTIME_H */
