/*
 * estimates.h
 *	  Closed-form estimates: the Wilson score interval of a share and the
 *	  two-point parity projection.
 *
 * Plain C99; no PostgreSQL headers.
 */
#ifndef ADOPTION_ESTIMATES_H
#define ADOPTION_ESTIMATES_H

#include <stdbool.h>

/* Models a ratio can follow over time (the SQL "method" argument). */
typedef enum AdoptionMethod
{
	ADOPTION_LOGLINEAR,			/* ln(ratio) linear in time (Fisher-Pry) */
	ADOPTION_LOGISTIC,			/* binomial GLM of a out of a + b */
	ADOPTION_LINEAR				/* ratio linear in time */
} AdoptionMethod;

/* Valid method names, for error hints. */
#define ADOPTION_METHOD_NAMES "\"loglinear\", \"logistic\", \"linear\""

/* Parse a method name; false when it is none of ADOPTION_METHOD_NAMES. */
extern bool adoption_method_parse(const char *name, AdoptionMethod *method);
extern const char *adoption_method_name(AdoptionMethod method);

/*
 * Wilson score interval of the share part / total at the normal quantile z
 * (z = 1.959964 for 95 %).  Requires 0 <= part <= total, total > 0.
 */
extern void adoption_wilson(double part, double total, double z,
							double *lower, double *upper);

/*
 * Two-point parity: the fraction f of the way from observation 1 to
 * observation 2 at which the ratio, following method (ADOPTION_LOGLINEAR or
 * ADOPTION_LINEAR), reaches 1.  The instant is t1 + f * (t2 - t1); f may lie
 * outside [0, 1] (parity before the first or after the second observation).
 * Returns false when the ratio does not move, so it never reaches parity (or
 * is at parity throughout).  Ratios must be > 0 for ADOPTION_LOGLINEAR and
 * >= 0 for ADOPTION_LINEAR.
 */
extern bool adoption_parity_two_point(double ratio1, double ratio2,
									  AdoptionMethod method, double *f);

/*
 * Compensated (Neumaier) summation: the running sum carries the low-order
 * bits that plain addition drops.
 */
typedef struct AdoptionSum
{
	double		sum;
	double		compensation;
} AdoptionSum;

static inline void
adoption_sum_add(AdoptionSum *s, double x)
{
	double		t = s->sum + x;

	if ((s->sum >= 0 ? s->sum : -s->sum) >= (x >= 0 ? x : -x))
		s->compensation += (s->sum - t) + x;
	else
		s->compensation += (x - t) + s->sum;
	s->sum = t;
}

static inline double
adoption_sum_value(const AdoptionSum *s)
{
	return s->sum + s->compensation;
}

#endif							/* ADOPTION_ESTIMATES_H */
