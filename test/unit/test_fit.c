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
#include "timeaxis.h"
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

	/*
	 * Means to the last bit: the doubles nearest 0.1, 0.2 and 0.3 add up to
	 * 0.6000000000000000055511151231257827 exactly, whose third,
	 * 0.2000000000000000018503717077085942, is nearest the double 0.2; a
	 * first pass in doubles gets 0.6000000000000001 / 3 =
	 * 0.20000000000000004, and the second pass corrects it.  y = x, so the
	 * slope is exactly 1.
	 */
	{
		double		tenths[3] = {0.1, 0.2, 0.3};

		adoption_wls(tenths, tenths, NULL, 3, &fit);
		ok(fit.ok && fit.xbar == 0.2 && fit.b0 == 0.2 && fit.b1 == 1.0,
		   "the means of 0.1, 0.2, 0.3 are 0.2, not the first pass's 0.20000000000000004");
	}

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

static void
test_prediction_se(void)
{
	AdoptionFit fit;
	double		mu;

	memset(&fit, 0, sizeof(fit));
	fit.ok = true;
	fit.xbar = 10.0;
	fit.b0 = 0.0;
	fit.b1 = 0.5;
	fit.v00 = 0.04;
	fit.v11 = 0.0009;
	fit.dispersion = 0.25;
	/* least squares: se^2 = 0.04 + 4^2 0.0009 = 0.0544, plus sigma^2 0.25 */
	ok(close_to(adoption_fit_prediction_se(&fit, ADOPTION_LOGLINEAR, 14.0, 0.0), sqrt(0.3044), 1e-15),
	   "least squares: a new observation's variance is the line's plus sigma^2");
	/* logistic at eta = 2: mu (1 - mu) = e^2 / (1 + e^2)^2, over m = 400 */
	mu = 1.0 / (1.0 + exp(-2.0));
	ok(close_to(adoption_fit_prediction_se(&fit, ADOPTION_LOGISTIC, 14.0, 400.0),
				sqrt(0.0544 + 0.25 / (400.0 * mu * (1.0 - mu))), 1e-14),
	   "logistic: the line's variance plus dispersion / (m mu (1 - mu))");
	ok(adoption_fit_prediction_se(&fit, ADOPTION_LOGISTIC, 14.0, 4e8) < adoption_fit_prediction_se(&fit, ADOPTION_LOGISTIC, 14.0, 400.0) &&
	   close_to(adoption_fit_prediction_se(&fit, ADOPTION_LOGISTIC, 14.0, 4e20), sqrt(0.0544), 1e-12),
	   "logistic: the larger the period, the closer to the confidence band");
	ok(isfinite(adoption_fit_prediction_se(&fit, ADOPTION_LOGISTIC, 1e4, 100.0)),
	   "logistic far out (mu held at DBL_EPSILON from 0 or 1): finite");
}

static void
test_key_point(void)
{
	/* 2000-01-01 is 946684800 epoch seconds; keys count microseconds from it */
	ok(adoption_key_point(ADOPTION_TIME_TIMESTAMPTZ, 0) == 946684800.0,
	   "2000-01-01 is epoch 946684800");
	ok(adoption_key_point(ADOPTION_TIME_DATE, -INT64_C(946684800000000)) == 0.0,
	   "1970-01-01 is epoch 0");
	ok(adoption_key_point(ADOPTION_TIME_TIMESTAMP, -INT64_C(946684800000001)) == -0.000001,
	   "a microsecond before 1970: -1e-6, as extract(epoch) gives it");
	ok(adoption_key_point(ADOPTION_TIME_TIMESTAMPTZ, INT64_C(123456789)) == 946684923.456789,
	   "microseconds: the exact quotient rounded once");
	ok(adoption_key_point(ADOPTION_TIME_NUMBER, adoption_number_key(2019.5)) == 2019.5,
	   "numeric time: the number itself");
	ok(close_to(adoption_key_point(ADOPTION_TIME_TIMESTAMPTZ, ADOPTION_END_TIMESTAMP_KEY - 1),
				9224318016000.0, 1e-15),
	   "the last instant of timestamptz: within an ulp of epoch 9224318016000");
}

int
main(void)
{
	test_fit();
	test_prediction_se();
	test_key_point();
	return done_testing();
}
