/*
 * segments.h
 *	  Regime changes: exact segmented least squares, the number of breaks
 *	  chosen by BIC, and a profile-likelihood range for each break.
 *
 * Plain C99; no PostgreSQL headers.
 */
#ifndef ADOPTION_SEGMENTS_H
#define ADOPTION_SEGMENTS_H

#include <stdbool.h>

#define ADOPTION_MAX_BREAKS 10

typedef struct AdoptionBreak
{
	int			at;				/* index of the first point after the break */
	int			lower;			/* first and last index the break could be at */
	int			upper;
	double		slope_before;	/* the segments' least-squares slopes */
	double		slope_after;
} AdoptionBreak;

/*
 * Fit y on x (sorted by x; w the weights, NULL for none) by k + 1 straight
 * lines over consecutive runs of at least min_length points, for every k
 * from 0 to max_breaks (at most ADOPTION_MAX_BREAKS) that fits in n points,
 * exactly: dynamic programming over where segments end, each segment's
 * residual sum of squares by a stable one-pass update (so nothing is
 * subtracted from a running sum of squares).  k is chosen by BIC, n ln(SSE_k
 * / n) + (3k + 2) ln(n): each segment's intercept and slope, and each break's
 * position, count as parameters.  A residual sum below 1e-12 of the total
 * sum of squares counts as that floor, so rounding error never buys a break.
 *
 * Each break's range: the positions it could move to, the other breaks held,
 * whose residual sum stays within n ln(SSE / SSE_min) <= chi2 (chi2 the
 * chi-squared(1) quantile of the level: a likelihood-ratio set, which break
 * positions follow only approximately).
 *
 * Writes the chosen breaks to breaks (max_breaks of them) and returns how
 * many; bic, when not NULL, gets max_breaks + 1 values (NaN where k does not
 * fit).  work holds 2 * (max_breaks + 1) * n doubles.
 */
extern int	adoption_segments(const double *x, const double *y, const double *w, int n,
							  int max_breaks, int min_length, double chi2, double *work,
							  AdoptionBreak *breaks, double *bic);

#endif							/* ADOPTION_SEGMENTS_H */
