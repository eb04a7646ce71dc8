/*
 * rows.h
 *	  Set-returning functions: one column of a scalar type, and the chart
 *	  rows of projection(), shared by every summary type.
 */
#ifndef ADOPTION_ROWS_H
#define ADOPTION_ROWS_H

#include "postgres.h"

#include "datatype/timestamp.h"
#include "fmgr.h"

#include "core/periods.h"

/*
 * Set up a set-returning function of one column of type typid in
 * materialize mode (InitMaterializedSRF wants a row type); then
 * PutScalarRow() for each row.
 */
extern void InitScalarSRF(FunctionCallInfo fcinfo, Oid typid);
extern void PutScalarRow(FunctionCallInfo fcinfo, Datum value);

/*
 * Fill one chart row at time t (x from the summary's first period): period
 * is the observed period's index, or -1 for a step after the last one.
 * values[0] and nulls[0] (the time) are set already; the rest start NULL.
 */
typedef void (*ProjectionRowFn) (void *arg, TimestampTz t, double x, int period,
								 Datum *values, bool *nulls);

/*
 * The rows of projection(): one per observed period of p, then one per
 * step after the last period up to until (steps added in UTC, each a
 * multiple of step from the last period, so month ends do not drift).
 * The function's declared result has ncols columns.
 */
extern void ProjectionRows(FunctionCallInfo fcinfo, const AdoptionPeriods *p, TimestampTz until,
						   Interval *step, int ncols, ProjectionRowFn row, void *arg);

#endif							/* ADOPTION_ROWS_H */
