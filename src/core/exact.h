/*
 * exact.h
 *	  Exact sums of doubles, and their canonical form.
 *
 * A period's sum is kept exactly, whatever the order its values arrive in,
 * so that a summary is the same bits wherever it is computed.  The exact
 * value X of a sum of doubles is written as its canonical expansion: the
 * head c0 = RN(X), X correctly rounded to a double, then c1 = RN(X - c0),
 * c2 = RN(X - c0 - c1), ... until nothing is left.  The expansion is a
 * function of X alone, so equal sums have equal expansions; the head is the
 * double closest to the sum, and for counts (integers below 2^53) it is all
 * there is.
 *
 * Most additions are exact and cost a two-sum; the rest go through
 * AdoptionExact, a fixed-point accumulator wide enough for any sum of finite
 * doubles (2^-1074 to beyond 2^1087, in two's complement).
 *
 * Plain C99; no PostgreSQL headers.
 */
#ifndef ADOPTION_EXACT_H
#define ADOPTION_EXACT_H

#include <stdbool.h>
#include <stdint.h>

/* The most components a canonical expansion of a finite sum can have. */
#define ADOPTION_EXPANSION_MAX 44

/*
 * a + b = s + *err exactly, s = RN(a + b) (Knuth's two-sum; needs strict
 * IEEE double arithmetic, no -ffast-math).  *err is NaN when s overflows.
 */
static inline double
adoption_two_sum(double a, double b, double *err)
{
	double		s = a + b;
	double		bb = s - a;

	*err = (a - (s - bb)) + (b - bb);
	return s;
}

/* Units of 2^-1074, the smallest subnormal, in 36 64-bit limbs. */
#define ADOPTION_EXACT_LIMBS 36

typedef struct AdoptionExact
{
	uint64_t	limb[ADOPTION_EXACT_LIMBS];	/* little-endian, two's complement */
} AdoptionExact;

extern void adoption_exact_init(AdoptionExact *x);

/* Add a finite double (of either sign) exactly. */
extern void adoption_exact_add(AdoptionExact *x, double d);

/* -1, 0 or 1 */
extern int	adoption_exact_sign(const AdoptionExact *x);

/*
 * The canonical expansion of x into out (room for ADOPTION_EXPANSION_MAX):
 * the number of components, 0 for zero, or -1 when its head overflows
 * (|x| rounds beyond the largest double).
 */
extern int	adoption_exact_expansion(const AdoptionExact *x, double *out);

/*
 * Is c[0..n-1] a canonical expansion?  n >= 1; a lone component may be
 * zero (but not -0), more than one must all be non-zero.
 */
extern bool adoption_expansion_canonical(const double *c, int n);

/*
 * The canonical expansion of the exact sum of c[0..n-1] (any finite
 * doubles) into out; returns its length as adoption_exact_expansion does.
 * Sums whose exact value two doubles can carry skip the accumulator.
 */
extern int	adoption_expansion_of_sum(const double *c, int n, double *out);

/*
 * Compensated (Neumaier) summation, for totals that are read, not stored:
 * shares of a partition, totals of a summary.
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

#endif							/* ADOPTION_EXACT_H */
