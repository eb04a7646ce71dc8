/*
 * fit.h
 *	  Straight-line fits of a summary, parity and its Fieller interval.
 *
 * Time enters every fit as x, seconds (or units of numeric time) from the
 * summary's first period (timeaxis.h), and every fit is centred: the line
 * is y = b0 + b1 (x - xbar), so b0 and b1 are uncorrelated and the parity
 * instant xbar - b0 / b1 keeps its digits even for epoch times near 2e9.
 *
 * Plain C99; no PostgreSQL headers.
 */
#ifndef ADOPTION_FIT_H
#define ADOPTION_FIT_H

#include <stdbool.h>

#include "periods.h"

/* Models a ratio can follow over time (the SQL "method" argument). */
typedef enum AdoptionMethod
{
	ADOPTION_LOGLINEAR,			/* ln(ratio) linear in time (Fisher-Pry) */
	ADOPTION_LOGISTIC,			/* binomial GLM of a out of a + b */
	ADOPTION_LINEAR,			/* ratio linear in time */
	ADOPTION_EMPIRICAL,			/* Cox's empirical logit by weighted least squares */
	ADOPTION_WILLIAMS			/* binomial GLM with Williams' extra-binomial variation */
} AdoptionMethod;

/* Valid method names, for error hints. */
#define ADOPTION_METHOD_NAMES "\"loglinear\", \"logistic\", \"williams\", \"empirical\", \"linear\""

/* Does the method fit the logit of a's share, from counts? */
static inline bool
adoption_method_is_logit(AdoptionMethod method)
{
	return method == ADOPTION_LOGISTIC || method == ADOPTION_WILLIAMS || method == ADOPTION_EMPIRICAL;
}

/* Parse a method name; false when it is none of ADOPTION_METHOD_NAMES. */
extern bool adoption_method_parse(const char *name, AdoptionMethod *method);
extern const char *adoption_method_name(AdoptionMethod method);

/* Why a fit has no line, or how it got one. */
typedef enum AdoptionFitStatus
{
	ADOPTION_FIT_OK = 0,
	ADOPTION_FIT_TOO_FEW,		/* fewer than two periods the method can use */
	ADOPTION_FIT_ONE_TIME,		/* the periods it can use are all at one time */
	ADOPTION_FIT_SEPARATED,		/* logistic: fitted shares of 0 or 1 (separation) */
	ADOPTION_FIT_NOT_CONVERGED,	/* logistic: no convergence in the iterations R allows */
	ADOPTION_FIT_NO_A,			/* a is zero in every period: a label spelled otherwise? */
	ADOPTION_FIT_NO_B			/* b is zero in every period */
} AdoptionFitStatus;

typedef struct AdoptionFit
{
	bool		ok;				/* a line was fitted */
	AdoptionFitStatus status;
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
	bool		converged;		/* least squares always; logistic by R's test */
	int			iterations;		/* IRLS iterations to R's convergence (0 for least squares) */
	double		phi;			/* williams: the logit's variance between periods; 0 otherwise */
} AdoptionFit;

/* A line's status as words, for fit(): "ok", "too few periods", ... */
extern const char *adoption_fit_status_name(AdoptionFitStatus status);

/* x of period i: seconds (units) since the summary's first period. */
extern double adoption_period_x(const AdoptionPeriods *p, int i);

/*
 * Fit series 0 over series 1 (a over b) of a summary by method:
 *	loglinear	least squares of ln(a/b) on x, periods with a > 0 and b > 0
 *	logistic	binomial GLM of a out of a + b, logit link, IRLS maximum
 *				likelihood as R's glm.fit, quasi-binomial dispersion;
 *				periods with a + b > 0
 *	williams	the same GLM with Williams' (1982) prior weights for a logit
 *				that also varies between periods, 1 / (1 + phi (m - 1) mu (1 -
 *				mu)), m = a + b, phi chosen so that the weighted Pearson
 *				statistic of the periods with at least 5 expected on each side
 *				equals its degrees of freedom: noise between periods does not
 *				let big periods dominate; as logistic when the data show no
 *				extra variation
 *	empirical	weighted least squares of Cox's empirical logit
 *				ln((a + 1/2) / (b + 1/2)) on x, weights
 *				1 / (1 / (a + 1/2) + 1 / (b + 1/2)), residual dispersion;
 *				periods with a + b > 0, zeros kept
 *	linear		least squares of a/b on x, periods with b > 0
 * work holds 9 * p->nperiods doubles.
 */
extern void adoption_fit_rivalry(const AdoptionPeriods *p, AdoptionMethod method,
								 double *work, AdoptionFit *fit);

/* The first period with a positive sum of series, or p->nperiods when none. */
extern int	adoption_first_observed(const AdoptionPeriods *p, int series);

/*
 * The same fit from points adoption_fit_points() made: the first used of
 * them, those of the first nperiods periods, any_a and any_b whether those
 * periods have any a and any b.  Each point depends on its period alone, so
 * the points of a summary's first k periods are the first points of the
 * whole summary: a backtest makes them once and fits every origin from
 * them, each fit bit for bit adoption_fit_rivalry() of the periods up to
 * the origin.  x, y and m are read only; work holds 6 * nperiods doubles
 * (the iterative fits'), and may be w's room for logistic and williams.
 */
extern void adoption_fit_rivalry_points(AdoptionMethod method, const double *x, const double *y,
										const double *m, const double *w, int used, int nperiods,
										bool any_a, bool any_b, double *work, AdoptionFit *fit);

/*
 * The points a method fits, one per period it can use (the rest passed
 * over, as above): x, and y the line's value (ln(a/b), a/b, the empirical
 * logit with its weight w) or, for logistic and williams, a of m = a + b
 * trials.  period[k] (period NULL: not wanted) is point k's period.  Each
 * array holds p->nperiods; returns the points.
 */
extern int	adoption_fit_points(const AdoptionPeriods *p, AdoptionMethod method, double *x,
								double *y, double *m, double *w, int *period);

/*
 * Add a + b of each period from..until that had any to *total, and count
 * those periods in *used: the trials of a period to come are taken as the
 * mean of these (projection(), backtest()).  Summed in period order, so a
 * total carried forward a period at a time has the bits of one pass.
 */
extern void adoption_add_totals(const AdoptionPeriods *p, int from, int until, double *total,
								int *used);

/*
 * Fit one series of a summary on x: least squares of the value (log_scale
 * false) or of its logarithm over positive values (log_scale true).
 * work holds 2 * p->nperiods doubles.
 */
extern void adoption_fit_series(const AdoptionPeriods *p, int series, bool log_scale,
								double *work, AdoptionFit *fit);

/* Weighted least squares of y on x (w NULL: unweighted), centred. */
extern void adoption_wls(const double *x, const double *y, const double *w, int n,
						 AdoptionFit *fit);

/* The fitted line at x: b0 + b1 (x - xbar). */
static inline double
adoption_fit_at(const AdoptionFit *fit, double x)
{
	return fit->b0 + fit->b1 * (x - fit->xbar);
}

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

/*
 * Standard error, on the scale of the fitted line, of one new observation
 * at x, of total a + b (counts methods):
 *	loglinear, linear (and trends)	sqrt(se^2 + sigma^2), as R's
 *		predict.lm(interval = "prediction")
 *	logistic	the quasi-binomial variance of the share, dispersion mu (1 - mu)
 *		/ total, carried to the logit by the delta method: se^2 + dispersion
 *		/ (total mu (1 - mu))
 *	williams	the same with Williams' factor 1 + phi (total - 1) mu (1 - mu)
 *	empirical	se^2 + dispersion (1 / (total mu + 1/2) + 1 / (total (1 - mu) + 1/2))
 */
extern double adoption_fit_prediction_se(const AdoptionFit *fit, AdoptionMethod method, double x,
										 double total);

/*
 * Two-point parity: the fraction f of the way from observation 1 to
 * observation 2 at which the ratio, following method (ADOPTION_LOGLINEAR or
 * ADOPTION_LINEAR), reaches 1.  The instant is t1 + f * (t2 - t1); f may lie
 * outside [0, 1].  Returns false when the ratio does not move, so it never
 * reaches parity (or is at parity throughout).  Ratios must be > 0 for
 * ADOPTION_LOGLINEAR and >= 0 for ADOPTION_LINEAR.
 */
extern bool adoption_parity_two_point(double ratio1, double ratio2,
									  AdoptionMethod method, double *f);

#endif							/* ADOPTION_FIT_H */
