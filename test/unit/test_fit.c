/*
 * test_fit.c
 *	  Straight-line fits, Fieller's interval, and the logistic fit against R.
 */
#include <float.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fit.h"
#include "tap.h"

static void
test_fit(void)
{
	/* y = 2 + 0.5 x exactly, x far from 0: centring keeps every digit */
	double		x[4] = {2e9, 2e9 + 1, 2e9 + 2, 2e9 + 3};
	double		y[4];
	AdoptionFit fit;
	double		at;
	int			i;

	for (i = 0; i < 4; i++)
		y[i] = 2.0 + 0.5 * (x[i] - 2e9);
	adoption_wls(x, y, NULL, 4, &fit);
	ok(fit.ok && fit.b1 == 0.5 && fit.b0 == 2.75 && fit.xbar == 2e9 + 1.5 &&
	   fit.deviance == 0.0 && fit.df == 2,
	   "an exact line at x ~ 2e9 fits exactly, centred at its mean");
	ok(adoption_fit_crossing(&fit, 3.0, &at) && at == 2e9 + 2.0,
	   "the line reaches 3 at x = 2e9 + 2");

	/* Fieller with a slope far from zero: close to the delta method's interval */
	fit.b0 = -1.0;
	fit.b1 = 2.0;
	fit.xbar = 0.0;
	fit.v00 = 0.01;
	fit.v11 = 0.0001;
	{
		double		lo,
					hi;

		adoption_fit_fieller(&fit, 0.0, 2.0, &lo, &hi);
		/* roots of (2 t - 1)^2 = 4 (0.01 + 0.0001 t^2) */
		ok(close_to(lo, (4.0 - sqrt(16.0 - 4 * 3.9996 * 0.96)) / (2 * 3.9996), 1e-14) &&
		   close_to(hi, (4.0 + sqrt(16.0 - 4 * 3.9996 * 0.96)) / (2 * 3.9996), 1e-14),
		   "Fieller's bounds are the roots of its quadratic");
		fit.v11 = 1.1;
		adoption_fit_fieller(&fit, 0.0, 2.0, &lo, &hi);
		ok(isinf(lo) && lo < 0 && isinf(hi) && hi > 0,
		   "a slope that is not significant gives an unbounded interval");
	}
}

int
main(void)
{
	test_fit();
	return done_testing();
}
