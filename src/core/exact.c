/*
 * exact.c
 *	  Exact sums of doubles, and their canonical expansions.
 */
#include "exact.h"

#include <math.h>
#include <string.h>

#define LIMBS ADOPTION_EXACT_LIMBS

void
adoption_exact_init(AdoptionExact *x)
{
	memset(x, 0, sizeof(*x));
}

/*
 * A finite non-zero double as m * 2^(shift - 1074), m < 2^53: a subnormal
 * has no hidden bit and shift 0, a normal number its hidden bit and shift
 * (biased exponent - 1).
 */
static void
decompose(double d, uint64_t *m, int *shift)
{
	uint64_t	bits;
	int			e;

	memcpy(&bits, &d, sizeof(bits));
	e = (int) ((bits >> 52) & 0x7ff);
	*m = bits & ((UINT64_C(1) << 52) - 1);
	if (e == 0)
		*shift = 0;
	else
	{
		*m |= UINT64_C(1) << 52;
		*shift = e - 1;
	}
}

void
adoption_exact_add(AdoptionExact *x, double d)
{
	uint64_t	m;
	uint64_t	part[2];
	int			shift;
	int			at;
	int			bit;
	int			i;

	if (d == 0.0)
		return;
	decompose(d, &m, &shift);
	at = shift / 64;
	bit = shift % 64;
	part[0] = m << bit;
	part[1] = bit == 0 ? 0 : m >> (64 - bit);
	if (!signbit(d))
	{
		uint64_t	carry = 0;

		for (i = at; i < LIMBS; i++)
		{
			uint64_t	add = i - at < 2 ? part[i - at] : 0;
			uint64_t	sum = x->limb[i] + add;
			uint64_t	c1 = sum < add;

			x->limb[i] = sum + carry;
			carry = c1 | (x->limb[i] < sum);
			if (i - at >= 1 && carry == 0)
				break;
		}
	}
	else
	{
		uint64_t	borrow = 0;

		for (i = at; i < LIMBS; i++)
		{
			uint64_t	sub = i - at < 2 ? part[i - at] : 0;
			uint64_t	diff = x->limb[i] - sub;
			uint64_t	b1 = x->limb[i] < sub;

			x->limb[i] = diff - borrow;
			borrow = b1 | (diff < borrow);
			if (i - at >= 1 && borrow == 0)
				break;
		}
	}
}

int
adoption_exact_sign(const AdoptionExact *x)
{
	int			i;

	if (x->limb[LIMBS - 1] >> 63)
		return -1;
	for (i = 0; i < LIMBS; i++)
		if (x->limb[i] != 0)
			return 1;
	return 0;
}

static void
negate(AdoptionExact *x)
{
	uint64_t	carry = 1;
	int			i;

	for (i = 0; i < LIMBS; i++)
	{
		x->limb[i] = ~x->limb[i] + carry;
		carry = carry && x->limb[i] == 0;
	}
}

/* Bit b of a non-negative accumulator. */
static int
bit_at(const AdoptionExact *x, int b)
{
	return (int) ((x->limb[b / 64] >> (b % 64)) & 1);
}

/* Any bit below b set? */
static bool
any_below(const AdoptionExact *x, int b)
{
	int			i;

	if (b <= 0)
		return false;
	for (i = 0; i < b / 64; i++)
		if (x->limb[i] != 0)
			return true;
	return b % 64 != 0 && (x->limb[b / 64] & ((UINT64_C(1) << (b % 64)) - 1)) != 0;
}

/* Bits lo .. lo + 52 of a non-negative accumulator (lo >= 0), as an integer. */
static uint64_t
bits_from(const AdoptionExact *x, int lo)
{
	int			at = lo / 64;
	int			bit = lo % 64;
	uint64_t	v = x->limb[at] >> bit;

	if (bit != 0 && at + 1 < LIMBS)
		v |= x->limb[at + 1] << (64 - bit);
	return v & ((UINT64_C(1) << 53) - 1);
}

/*
 * The head of a non-zero, non-negative accumulator: its value correctly
 * rounded (to nearest, ties to even) to a double; HUGE_VAL on overflow.
 */
static double
head_of(const AdoptionExact *x)
{
	int			top;
	int			i;
	int			lo;
	uint64_t	m;

	for (i = LIMBS - 1; x->limb[i] == 0; i--)
		;
	top = i * 64 + 63;
	while (!((x->limb[top / 64] >> (top % 64)) & 1))
		top--;
	if (top <= 52)
		return ldexp((double) bits_from(x, 0), -1074);	/* exact */
	lo = top - 52;
	m = bits_from(x, lo);
	if (bit_at(x, lo - 1) && ((m & 1) || any_below(x, lo - 1)))
		m++;					/* may reach 2^53: still exact as a double */
	return ldexp((double) m, lo - 1074);
}

int
adoption_exact_expansion(const AdoptionExact *x, double *out)
{
	AdoptionExact rest = *x;
	int			n = 0;
	int			sign;

	while ((sign = adoption_exact_sign(&rest)) != 0)
	{
		double		c;

		if (n == ADOPTION_EXPANSION_MAX)
			return -1;			/* cannot happen: each step takes >= 53 bits */
		if (sign < 0)
		{
			negate(&rest);
			c = -head_of(&rest);
			negate(&rest);
		}
		else
			c = head_of(&rest);
		if (isinf(c))
			return -1;
		out[n++] = c;
		adoption_exact_add(&rest, -c);
	}
	return n;
}

int
adoption_expansion_of_sum(const double *c, int n, double *out)
{
	AdoptionExact x;
	int			i;

	if (n == 1)
	{
		if (isinf(c[0]))
			return -1;
		out[0] = c[0] + 0.0;	/* -0 is 0 */
		return c[0] == 0.0 ? 0 : 1;
	}
	if (n == 2)
	{
		double		err;
		double		s = adoption_two_sum(c[0], c[1], &err);

		/* two doubles: RN(a + b) and its exact error are canonical */
		if (isinf(s))
			return -1;
		if (err == 0.0)
		{
			out[0] = s + 0.0;
			return s == 0.0 ? 0 : 1;
		}
		out[0] = s;
		out[1] = err;
		return 2;
	}
	/*
	 * Most sums of a few doubles fit two: s + t carries the exact sum as long
	 * as every error folds into t exactly.  Then two components, as above.
	 */
	{
		double		pair[2] = {c[0], 0.0};
		bool		fits = true;

		for (i = 1; i < n && fits; i++)
		{
			double		e;
			double		e2;

			pair[0] = adoption_two_sum(pair[0], c[i], &e);
			pair[1] = adoption_two_sum(pair[1], e, &e2);
			fits = e2 == 0.0 && isfinite(pair[0]);
		}
		if (fits)
			return adoption_expansion_of_sum(pair, 2, out);
	}
	adoption_exact_init(&x);
	for (i = 0; i < n; i++)
		adoption_exact_add(&x, c[i]);
	return adoption_exact_expansion(&x, out);
}

bool
adoption_expansion_canonical(const double *c, int n)
{
	double		again[ADOPTION_EXPANSION_MAX];
	int			m;
	int			i;

	if (n < 1 || n > ADOPTION_EXPANSION_MAX)
		return false;
	for (i = 0; i < n; i++)
		if (!isfinite(c[i]) || (c[i] == 0.0 && (n > 1 || signbit(c[i]))))
			return false;
	if (n == 1)
		return true;
	m = adoption_expansion_of_sum(c, n, again);
	if (m != n)
		return false;
	for (i = 0; i < n; i++)
		if (memcmp(&again[i], &c[i], sizeof(double)) != 0)
			return false;
	return true;
}
