/*
 * test_exact.c
 *	  Exact sums: the accumulator, canonical expansions, and their checks.
 */
#include <float.h>
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "exact.h"
#include "support.h"
#include "tap.h"

/* A non-negative finite double of any magnitude, or a small decimal. */
static double
random_value(void)
{
	uint64_t	u = next_random();
	double		d;

	switch (u % 4)
	{
		case 0:
			u = next_random() & 0x7fefffffffffffffULL;
			memcpy(&d, &u, sizeof(d));
			return d;
		case 1:
			return (double) (next_random() % 100000) / 100.0;
		case 2:
			return ldexp((double) (next_random() % 1000), (int) (next_random() % 200) - 100);
		default:
			return (double) (next_random() % 1000000);
	}
}

static bool
same_expansion(const double *a, int na, const double *b, int nb)
{
	return na == nb && memcmp(a, b, sizeof(double) * (size_t) na) == 0;
}

static void
test_known_sums(void)
{
	double		c[ADOPTION_EXPANSION_MAX];
	double		in[3];
	int			n;

	in[0] = 0.1;
	in[1] = 0.2;
	n = adoption_expansion_of_sum(in, 2, c);
	ok(n == 2 && c[0] == 0.30000000000000004 && c[0] + c[1] == c[0] &&
	   c[1] == -2.7755575615628914e-17,
	   "0.1 + 0.2: head 0.30000000000000004 (RN of the exact sum), tail -2.78e-17");

	in[0] = 1e15;
	in[1] = 0.3;
	in[2] = -1e15;
	n = adoption_expansion_of_sum(in, 3, c);
	ok(n == 1 && c[0] == 0.3, "1e15 + 0.3 - 1e15 is exactly 0.3");

	in[0] = 1e308;
	in[1] = 1e-300;
	in[2] = 1e-320;
	n = adoption_expansion_of_sum(in, 3, c);
	ok(n == 3 && c[0] == 1e308 && c[1] == 1e-300 && c[2] == 1e-320,
	   "1e308 + 1e-300 + 1e-320 keeps all three, far apart");

	{
		/* an error that cannot join the pair's, then one that can: exact still */
		double		four[4] = {9007199254740992.0, 1.0, ldexp(1.0, -60), 1.0};

		n = adoption_expansion_of_sum(four, 4, c);
		ok(n == 2 && c[0] == 9007199254740994.0 && c[1] == ldexp(1.0, -60),
		   "2^53 + 1 + 2^-60 + 1 is 2^53 + 2 + 2^-60: the 2^-60 kept");
	}

	{
		/*
		 * 2^300 + 2^84 + 2^31 + 2^20: the second component rounds 2^84 +
		 * 2^31 + 2^20 at 2^84's last bit, 2^32.  2^31 is half of it, and
		 * only 2^20, in the same 64-bit limb, breaks the tie: up.
		 */
		double		four[4] = {ldexp(1.0, 300), ldexp(1.0, 84), ldexp(1.0, 31), ldexp(1.0, 20)};

		n = adoption_expansion_of_sum(four, 4, c);
		ok(n == 3 && c[0] == ldexp(1.0, 300) && c[1] == ldexp(1.0, 84) + ldexp(1.0, 32) &&
		   c[2] == ldexp(1.0, 20) - ldexp(1.0, 31),
		   "a tie broken by a bit in its own limb rounds up: 2^300, 2^84 + 2^32, 2^20 - 2^31");
	}

	in[0] = DBL_MAX;
	in[1] = DBL_MAX;
	ok(adoption_expansion_of_sum(in, 2, c) == -1 && adoption_expansion_of_sum(in, 3, c) < 0,
	   "a sum beyond the largest double overflows (-1)");

	in[0] = DBL_MAX;
	in[1] = ldexp(1.0, 970);	/* half an ulp of DBL_MAX: a tie, to even, to infinity */
	in[2] = 0.0;
	ok(adoption_expansion_of_sum(in, 3, c) == -1,
	   "DBL_MAX plus half its ulp rounds to infinity: overflow");
	in[1] = ldexp(1.0, 969);
	n = adoption_expansion_of_sum(in, 3, c);
	ok(n == 2 && c[0] == DBL_MAX && c[1] == ldexp(1.0, 969),
	   "DBL_MAX plus a quarter ulp stays DBL_MAX with a tail");

	in[0] = 1.0;
	in[1] = ldexp(1.0, -53);	/* a tie: rounds to even, down to 1 */
	in[2] = 0.0;
	n = adoption_expansion_of_sum(in, 3, c);
	ok(n == 2 && c[0] == 1.0 && c[1] == ldexp(1.0, -53), "ties round to even: 1 + 2^-53 has head 1");
	in[0] = 1.0 + DBL_EPSILON;
	n = adoption_expansion_of_sum(in, 3, c);
	ok(n == 2 && c[0] == 1.0 + 2 * DBL_EPSILON && c[1] == -ldexp(1.0, -53),
	   "ties round to even: (1 + eps) + 2^-53 has head 1 + 2 eps and a negative tail");

	in[0] = 5e-324;
	in[1] = 5e-324;
	in[2] = 0.0;
	n = adoption_expansion_of_sum(in, 3, c);
	ok(n == 1 && c[0] == 1e-323, "subnormals add exactly");

	in[0] = 0.0;
	in[1] = -0.0;
	n = adoption_expansion_of_sum(in, 2, c);
	ok(n == 0, "zero has no components");
}

/* The same values in every order give the same expansion. */
static void
test_order_independence(void)
{
	double		values[200];
	double		first[ADOPTION_EXPANSION_MAX];
	int			nfirst = 0;
	bool		same = true;
	int			trial;
	int			i;

	for (i = 0; i < 200; i++)
		values[i] = random_value();
	for (trial = 0; trial < 50; trial++)
	{
		AdoptionExact x;
		double		c[ADOPTION_EXPANSION_MAX];
		int			n;

		/* shuffle */
		for (i = 199; i > 0; i--)
		{
			int			j = (int) (next_random() % (uint64_t) (i + 1));
			double		t = values[i];

			values[i] = values[j];
			values[j] = t;
		}
		adoption_exact_init(&x);
		for (i = 0; i < 200; i++)
			adoption_exact_add(&x, values[i]);
		n = adoption_exact_expansion(&x, c);
		if (trial == 0)
		{
			memcpy(first, c, sizeof(double) * (size_t) n);
			nfirst = n;
		}
		same &= same_expansion(first, nfirst, c, n) && adoption_expansion_canonical(c, n);
	}
	ok(same && nfirst >= 2,
	   "200 values of every magnitude in 50 orders: one canonical expansion (%d components)", nfirst);
}

/* Adding and subtracting the same values leaves exactly zero. */
static void
test_cancellation(void)
{
	AdoptionExact x;
	double		values[100];
	double		c[ADOPTION_EXPANSION_MAX];
	int			i;

	adoption_exact_init(&x);
	for (i = 0; i < 100; i++)
	{
		values[i] = random_value();
		adoption_exact_add(&x, values[i]);
	}
	for (i = 99; i >= 0; i -= 2)
		adoption_exact_add(&x, -values[i]);
	for (i = 0; i < 100; i += 2)
		adoption_exact_add(&x, -values[i]);
	ok(adoption_exact_sign(&x) == 0 && adoption_exact_expansion(&x, c) == 0,
	   "adding 100 values and taking them away in another order leaves exactly 0");
	adoption_exact_add(&x, -0.5);
	ok(adoption_exact_sign(&x) == -1 && adoption_exact_expansion(&x, c) == 1 && c[0] == -0.5,
	   "a negative sum has a negative head");
}

/* The head is RN of the exact sum: check against long double where it has room. */
static void
test_heads(void)
{
	bool		right = true;
	int			trial;

	for (trial = 0; trial < 20000; trial++)
	{
		double		a = (double) (next_random() % 1000000) / 1000.0;
		double		b = (double) (next_random() % 1000000) / 1000.0;
		double		in[2] = {a, b};
		double		c[ADOPTION_EXPANSION_MAX];
		int			n = adoption_expansion_of_sum(in, 2, c);
		AdoptionExact x;
		double		d[ADOPTION_EXPANSION_MAX];
		int			m;

		/* two doubles: IEEE addition is RN of the exact sum */
		right &= n >= 1 && c[0] == a + b;
		adoption_exact_init(&x);
		adoption_exact_add(&x, a);
		adoption_exact_add(&x, b);
		m = adoption_exact_expansion(&x, d);
		right &= same_expansion(c, n, d, m);
	}
	ok(right, "20000 sums of two decimals: the head is IEEE's a + b, the accumulator agrees with two-sum");
}

static void
test_canonical_check(void)
{
	double		c[3];

	c[0] = 0.30000000000000004;
	c[1] = -2.7755575615628914e-17;
	ok(adoption_expansion_canonical(c, 2), "[RN(0.1 + 0.2), its error] is canonical");
	c[0] = 0.3;
	c[1] = 2.7755575615628914e-17;
	ok(!adoption_expansion_canonical(c, 2), "[0.3, +2.78e-17], the same sum, is not: its head is not RN");
	c[0] = 1.0;
	c[1] = 0.0;
	ok(!adoption_expansion_canonical(c, 2), "a zero tail is not canonical");
	c[0] = -0.0;
	ok(!adoption_expansion_canonical(c, 1) && adoption_expansion_canonical((c[0] = 0.0, c), 1),
	   "-0 is not canonical, 0 is");
	c[0] = 1.0;
	c[1] = NAN;
	ok(!adoption_expansion_canonical(c, 2), "NaN is not canonical");
	c[0] = 1.0;
	c[1] = ldexp(1.0, -60);
	c[2] = ldexp(1.0, -61);
	ok(!adoption_expansion_canonical(c, 3), "overlapping components are not canonical");
}

int
main(void)
{
	test_known_sums();
	test_order_independence();
	test_cancellation();
	test_heads();
	test_canonical_check();
	return done_testing();
}
