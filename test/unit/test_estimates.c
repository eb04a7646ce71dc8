/*
 * test_estimates.c
 *	  Quantiles, Wilson intervals, two-point parity and compensated sums,
 *	  against R where R has them.  Run from the top of the tree (make
 *	  unittest): reference values are read from CSV files in test/reference,
 *	  produced by the R scripts beside them.
 */
#include <float.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "distributions.h"
#include "exact.h"
#include "fit.h"
#include "share.h"
#include "tap.h"

static FILE *
open_reference(const char *name)
{
	char		path[256];
	char		header[256];
	FILE	   *f;

	snprintf(path, sizeof(path), "test/reference/%s", name);
	f = fopen(path, "r");
	if (f == NULL || fgets(header, sizeof(header), f) == NULL)
	{
		fprintf(stderr, "cannot read %s\n", path);
		exit(2);
	}
	return f;
}

/* qnorm and qt against R, one assertion per degrees of freedom. */
static void
test_quantiles(void)
{
	FILE	   *f = open_reference("quantiles.csv");
	double		p,
				df,
				q;
	double		group_df = 0;
	int			rows = 0;
	int			bad = 0;
	int			n;

	do
	{
		n = fscanf(f, " %lf , %lf , %lf", &p, &df, &q);
		/* the rows come grouped by df: report a group when it ends */
		if (rows > 0 && (n != 3 || df != group_df))
		{
			ok(bad == 0, "%s matches R to 1e-10 at %d probabilities (df = %g)",
			   isinf(group_df) ? "qnorm" : "qt", rows, group_df);
			rows = 0;
			bad = 0;
		}
		if (n == 3)
		{
			double		got = isinf(df) ? adoption_qnorm(p) : adoption_qt(p, df);

			group_df = df;
			rows++;
			if (!close_to(got, q, 1e-10))
			{
				bad++;
				diag("p = %.17g, df = %g: got %.17g, R says %.17g", p, df, got, q);
			}
		}
	} while (n == 3);
	fclose(f);
}

static void
test_distribution_edges(void)
{
	ok(isnan(adoption_qnorm(0.0)) && isnan(adoption_qnorm(1.0)) &&
	   isnan(adoption_qnorm(NAN)), "qnorm outside (0, 1) is NaN");
	ok(isnan(adoption_qt(0.5, 0.0)) && isnan(adoption_qt(0.5, -1.0)),
	   "qt with df <= 0 is NaN");
	ok(adoption_pt(INFINITY, 3) == 1.0 && adoption_pt(-INFINITY, 3) == 0.0 &&
	   adoption_pt(0.0, 3) == 0.5, "pt at the ends and the centre");
	ok(close_to(adoption_pt(adoption_qt(0.9, 7.5), 7.5), 0.9, 1e-14),
	   "pt inverts qt");
	{
		/* the quantile solved last is remembered: asked again, the same bits; another, its own */
		double		q10 = adoption_qt(0.975, 10.0);
		double		q11 = adoption_qt(0.975, 11.0);
		double		q11_again = adoption_qt(0.975, 11.0);
		double		lower11 = adoption_qt(0.025, 11.0);
		double		q10_again = adoption_qt(0.975, 10.0);

		/* R: qt(0.975, 10), qt(0.975, 11) */
		ok(q10 == q10_again && q11 == q11_again && close_to(lower11, -q11, 1e-12) &&
		   close_to(q10, 2.2281388519862739, 1e-12) && close_to(q11, 2.2009851600916388, 1e-12),
		   "qt asked again gives the same bits; at another df or tail, its own answer");
	}
	/* Cauchy (df = 1) has a closed form: P(T <= t) = 1/2 + atan(t) / pi */
	ok(close_to(adoption_pt(2.0, 1.0), 0.5 + atan(2.0) / 3.14159265358979323846, 1e-15),
	   "pt with df = 1 is the Cauchy distribution");
}

static void
test_wilson(void)
{
	FILE	   *f = open_reference("wilson.csv");
	double		part,
				total,
				level,
				lower,
				upper;

	while (fscanf(f, " %lf , %lf , %lf , %lf , %lf", &part, &total, &level,
				  &lower, &upper) == 5)
	{
		double		lo,
					hi;

		adoption_wilson(part, total, adoption_qnorm(0.5 + level / 2.0), &lo, &hi);
		if (!ok(close_to(lo, lower, 1e-12) && close_to(hi, upper, 1e-12),
				"Wilson interval of %g / %g at %g matches R's prop.test",
				part, total, level))
			diag("got [%.17g, %.17g], R says [%.17g, %.17g]", lo, hi, lower, upper);
	}
	fclose(f);
}

static void
test_parity_two_point(void)
{
	double		f = 0;
	AdoptionMethod m;

	/* the article: TensorFlow:PyTorch 3x, then 2x ten months later */
	ok(adoption_parity_two_point(3.0, 2.0, ADOPTION_LOGLINEAR, &f) &&
	   close_to(f, log(3.0) / log(1.5), 1e-15),
	   "loglinear 3 -> 2 reaches parity at ln 3 / ln 1.5 = 2.7095 intervals");
	ok(adoption_parity_two_point(3.0, 2.0, ADOPTION_LINEAR, &f) && f == 2.0,
	   "linear 3 -> 2 reaches parity after 2 intervals");
	ok(adoption_parity_two_point(0.5, 2.0, ADOPTION_LOGLINEAR, &f) && f == 0.5,
	   "loglinear 1/2 -> 2 crosses parity half way");
	ok(adoption_parity_two_point(1.0, 4.0, ADOPTION_LINEAR, &f) && f == 0.0,
	   "a ratio of 1 at the first observation is parity there");
	ok(!adoption_parity_two_point(2.0, 2.0, ADOPTION_LOGLINEAR, &f) &&
	   !adoption_parity_two_point(2.0, 2.0, ADOPTION_LINEAR, &f),
	   "a ratio that does not move never reaches parity");
	ok(adoption_parity_two_point(4.0, 8.0, ADOPTION_LOGLINEAR, &f) &&
	   close_to(f, -2.0, 1e-15),
	   "parity in the past: 4 -> 8 was at 1 two intervals before");
	ok(adoption_method_parse("loglinear", &m) && m == ADOPTION_LOGLINEAR &&
	   adoption_method_parse("logistic", &m) && m == ADOPTION_LOGISTIC &&
	   adoption_method_parse("linear", &m) && m == ADOPTION_LINEAR &&
	   !adoption_method_parse("Linear", &m) && !adoption_method_parse("", &m),
	   "method names parse exactly");
	ok(strcmp(adoption_method_name(ADOPTION_LOGISTIC), "logistic") == 0,
	   "method names print");
}

static void
test_sum(void)
{
	AdoptionSum s = {0};
	int			i;

	adoption_sum_add(&s, 1e16);
	adoption_sum_add(&s, 1.0);
	adoption_sum_add(&s, -1e16);
	ok(adoption_sum_value(&s) == 1.0, "compensated sum keeps 1e16 + 1 - 1e16 = 1");

	memset(&s, 0, sizeof(s));
	for (i = 0; i < 1000000; i++)
		adoption_sum_add(&s, 0.1);
	ok(fabs(adoption_sum_value(&s) - 100000.0) < 1e-9,
	   "a million times 0.1 sums to 100000 within 1e-9");
}

int
main(void)
{
	test_quantiles();
	test_distribution_edges();
	test_wilson();
	test_parity_two_point();
	test_sum();
	return done_testing();
}
