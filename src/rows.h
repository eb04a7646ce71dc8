/*
 * rows.h
 *	  Set-returning functions: one column of a scalar type, and the chart
 *	  rows of projection() and projection_point(), shared by every summary
 *	  type.
 */
#ifndef ADOPTION_ROWS_H
#define ADOPTION_ROWS_H

#include "postgres.h"

#include "datatype/timestamp.h"
#include "fmgr.h"

#include "core/fit.h"
#include "core/periods.h"

/*
 * One row of a one-column set-returning function, set up by
 * InitMaterializedSRF(fcinfo, MAT_SRF_USE_EXPECTED_DESC) as every
 * set-returning function here is (the expected row is the declared one).
 */
extern void PutScalarRow(FunctionCallInfo fcinfo, Datum value);

/*
 * The time axis of a chart: instants up to until in steps of an interval
 * (projection()), or points, numbers in the time column's units, up to
 * until in steps of a number (projection_point()).
 */
typedef struct ChartAxis
{
	bool		point;
	TimestampTz until;
	Interval   *step;
	double		until_point;
	double		step_point;
} ChartAxis;

/* until and step, arguments 1 and 2, checked: finite, step positive. */
extern void ChartAxisArgs(FunctionCallInfo fcinfo, const AdoptionPeriods *p, bool point,
						  ChartAxis *axis);

/*
 * What a projection's lower and upper bound: the fitted line (confidence),
 * or one more period's observation (prediction).
 */
typedef enum ChartBand
{
	BAND_CONFIDENCE,
	BAND_PREDICTION
} ChartBand;

/* The band argument argno; "confidence" when the SQL declaration has none. */
extern ChartBand BandArg(FunctionCallInfo fcinfo, int argno);

/*
 * Half the width of the band at x, on the scale of the fitted line: q
 * times the standard error of the line (confidence), or of a new
 * observation of a fit by method (prediction; adoption_fit_prediction_se).
 * total is the new period's a + b for the methods of counts.
 */
extern double BandHalfWidth(const AdoptionFit *fit, ChartBand band, AdoptionMethod method,
							double q, double x, double total);

/*
 * Fill one chart row at x (from the summary's first period): period is the
 * observed period's index, or -1 for a step after the last one.  values[0]
 * and nulls[0] (the time or point) are set already; the rest start NULL.
 */
typedef void (*ProjectionRowFn) (void *arg, double x, int period, Datum *values, bool *nulls);

/*
 * The rows of a projection: one per observed period of p, then one per
 * step after the last period up to until (instants: steps added in UTC,
 * each a multiple of step from the last period, so month ends do not
 * drift).  More than adoption.max_periods steps stop there with a NOTICE:
 * a chart is cut short, never a query failed.  The function's declared
 * result has ncols columns.
 */
extern void ProjectionRows(FunctionCallInfo fcinfo, const AdoptionPeriods *p,
						   const ChartAxis *axis, int ncols, ProjectionRowFn row, void *arg);

#endif							/* ADOPTION_ROWS_H */
