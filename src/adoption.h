/*
 * adoption.h
 *	  What every file of the PostgreSQL glue shares: settings, argument
 *	  checks and the parsing of a method.
 */
#ifndef ADOPTION_H
#define ADOPTION_H

#include "postgres.h"

#include <math.h>

#include "fmgr.h"

#include "core/fit.h"

/* adoption.max_periods: the most periods one summary may hold */
extern int	adoption_max_periods;

/* adoption.max_labels: the most labels one market may hold */
extern int	adoption_max_labels;

/* Refuse NaN and infinity, naming the argument. */
static inline void
CheckFinite(double value, const char *argname)
{
	if (isnan(value))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("%s cannot be NaN", argname)));
	if (isinf(value))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("%s cannot be infinite", argname)));
}

/*
 * Refuse NaN, infinity and negative numbers, naming the argument.
 * Observations are counts or levels: none of those is one.
 */
static inline void
CheckObservation(double value, const char *argname)
{
	CheckFinite(value, argname);
	if (value < 0.0)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("%s cannot be negative", argname),
				 errdetail("Observations are counts or levels; %s is %g.",
						   argname, value)));
}

/* A confidence level strictly between 0 and 1. */
static inline void
CheckLevel(double level)
{
	if (!(level > 0.0 && level < 1.0))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("level must be between 0 and 1, exclusive"),
				 errdetail("level is %g.", level),
				 errhint("Use 0.95 for a 95 %% interval.")));
}

/* Parse the "method" argument; an error names the valid ones. */
extern AdoptionMethod ParseMethod(text *method);

#endif							/* ADOPTION_H */
