/*
 * fit.h
 *	  Straight-line fits of a period table, parity and its Fieller interval.
 *
 * Time enters every fit as x, seconds (or units of numeric time) from the
 * table's first period, and every fit is centred: the line is
 * y = b0 + b1 (x - xbar), so b0 and b1 are uncorrelated and the parity
 * instant xbar - b0 / b1 keeps its digits even for epoch times near 2e9.
 *
 * Plain C99; no PostgreSQL headers.
 */
#ifndef ADOPTION_FIT_H
#define ADOPTION_FIT_H

#include "estimates.h"
#include "period.h"

typedef struct AdoptionFit
{
	bool		ok;				/* a line was fitted (>= 2 distinct times) */
	int			used;			/* periods the model could use */
	int			skipped;		/* periods it could not (zero counts) */
	double		xbar;			/* centre, in x units */
	double		b0;				/* fitted y at the centre */
	double		b1;				/* slope per x unit */
	double		v00;			/* variance of b0 (NaN when df = 0) */
	double		v11;			/* variance of b1 (NaN when df = 0) */
	int			df;				/* residual degrees of freedom */
	double		dispersion;		/* residual variance; Pearson dispersion for logistic */
	double		r2;				/* coefficient of determination; NaN for logistic */
	double		deviance;		/* residual sum of squares; binomial deviance for logistic */
	int			iterations;		/* IRLS iterations (logistic) */
} AdoptionFit;

/*
 * x of period i: seconds since the first period for time kinds, units since
 * the first period for numeric time.
 */
extern double adoption_period_x(const AdoptionPeriods *p, int i);

/* The key at x (rounded to the microsecond for time kinds). */
extern double adoption_x_key_offset(const AdoptionPeriods *p, double x);

/*
 * Fit series 0 over series 1 (a over b) of a compacted table by method:
 *	loglinear	least squares of ln(a/b) on x, periods with a > 0 and b > 0
 *	logistic	binomial GLM of a out of a + b, logit link, IRLS maximum
 *				likelihood, quasi-binomial dispersion; periods with a + b > 0
 *	linear		least squares of a/b on x, periods with b > 0
 * work holds 6 * p->nperiods doubles.
 */
extern void adoption_fit_rivalry(const AdoptionPeriods *p, AdoptionMethod method,
								 double *work, AdoptionFit *fit);

/*
 * Fit one series of a table on x: least squares of the value (log_scale
 * false) or of its logarithm over positive values (log_scale true).
 * work holds 2 * p->nperiods doubles.
 */
extern void adoption_fit_series(const AdoptionPeriods *p, int series, bool log_scale,
								double *work, AdoptionFit *fit);

/* Weighted least squares of y on x (w NULL: unweighted), centred. */
extern void adoption_wls(const double *x, const double *y, const double *w, int n,
						 AdoptionFit *fit);

/*
 * Where the fitted line reaches level (0 for a log-ratio, 1 for a linear
 * ratio): x, or false when the slope is zero.
 */
extern bool adoption_fit_crossing(const AdoptionFit *fit, double level, double *x);

/*
 * Fieller's confidence set for the x at which the line reaches level, at
 * quantile q (of t on fit->df, or normal).  When the slope is not
 * significant at that level the set is unbounded: lower = -inf, upper = +inf.
 */
extern void adoption_fit_fieller(const AdoptionFit *fit, double level, double q,
								 double *lower, double *upper);

/* Standard error of the fitted line at x. */
extern double adoption_fit_se(const AdoptionFit *fit, double x);

#endif							/* ADOPTION_FIT_H */
