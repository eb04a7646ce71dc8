/*
 * test_core.c
 *	  Unit tests of src/core, linked without a server.  Run from the top of
 *	  the tree (make unittest): reference values are read from
 *	  CSV files in test/reference, produced by the R scripts beside them.
 */
#include <float.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "codec.h"
#include "distributions.h"
#include "estimates.h"
#include "fit.h"
#include "period.h"
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

/* A table of nseries series with room for capacity periods, zeroed. */
static AdoptionPeriods *
new_table(AdoptionTimeKind kind, int nseries, int capacity)
{
	AdoptionPeriods *p = calloc(1, adoption_periods_size(nseries, capacity));

	adoption_periods_init(p, kind, nseries, capacity);
	return p;
}

static void
test_period_table(void)
{
	AdoptionPeriods *p = new_table(ADOPTION_TIME_NUMBER, 2, 400);
	AdoptionPeriods *q = new_table(ADOPTION_TIME_NUMBER, 2, 400);
	AdoptionPeriods *m = new_table(ADOPTION_TIME_NUMBER, 2, 800);
	double		one[2] = {1.0, 2.0};
	int64_t		rows[2] = {1, 1};
	int			i;
	bool		all_added = true;
	bool		sorted = true;
	int64_t		total_rows = 0;

	/* 300 distinct periods, each three times, in a scrambled order */
	for (i = 0; i < 900; i++)
	{
		int			t = (i * 7919) % 300;

		all_added &= adoption_periods_add(p, adoption_number_key(t), one, rows);
	}
	adoption_periods_compact(p);
	for (i = 0; i < p->nperiods; i++)
	{
		sorted &= i == 0 || adoption_key(p, i - 1) < adoption_key(p, i);
		total_rows += adoption_rows(p, i, 0);
	}
	ok(all_added && p->nperiods == 300 && sorted && total_rows == 900,
	   "scrambled rows make 300 sorted, distinct periods holding all 900 rows");
	ok(adoption_sum(p, 17, 0) == 3.0 && adoption_sum(p, 17, 1) == 6.0 &&
	   adoption_rows(p, 17, 1) == 3, "each period sums its three rows");

	/* a full table refuses a new period, and accepts an existing one */
	{
		AdoptionPeriods *small = new_table(ADOPTION_TIME_NUMBER, 1, 2);
		double		v = 1.0;
		int64_t		r = 1;

		adoption_periods_add(small, adoption_number_key(1), &v, &r);
		adoption_periods_add(small, adoption_number_key(2), &v, &r);
		ok(!adoption_periods_add(small, adoption_number_key(3), &v, &r) &&
		   adoption_periods_add(small, adoption_number_key(1), &v, &r) &&
		   small->nperiods == 2 && adoption_sum(small, 0, 0) == 2.0,
		   "a full table refuses a new period and still sums into an old one");
		free(small);
	}

	/* merge then subtract gives back the original */
	for (i = 250; i < 350; i++)
		adoption_periods_add(q, adoption_number_key(i), one, rows);
	adoption_periods_merge(m, p, q);
	ok(m->nperiods == 350 && adoption_rows(m, 260, 0) == 4 && adoption_rows(m, 320, 0) == 1,
	   "merge sums the 50 shared periods and keeps the others");
	ok(adoption_periods_subtract(m, q) && m->nperiods == 300 &&
	   memcmp(adoption_entry(m, 0), adoption_entry(p, 0),
			  adoption_periods_size(2, 300) - adoption_periods_size(2, 0)) == 0,
	   "subtracting what was merged gives the original periods back");
	ok(!adoption_periods_subtract(p, q) && p->nperiods == 300,
	   "subtracting periods that are not there fails and changes nothing");
	ok(adoption_periods_check(p, 2) == ADOPTION_CHECK_COUNT,
	   "a working form with spare capacity is not canonical");
	p->capacity = p->nperiods;
	ok(adoption_periods_check(p, 2) == ADOPTION_CHECK_OK, "a compacted table checks out");
	ok(adoption_periods_check(p, 1) == ADOPTION_CHECK_SERIES, "a rivalry is not a trend");
	free(p);
	free(q);
	free(m);

	/* lookups in the sorted part: evenly spaced, gaps, keys across the whole int64 range */
	{
		static const double times[] = {-1e300, -1e10, -3.5, 0.0, 2.0, 4.0, 6.0, 8.0, 9.0, 1e10, 1e300};
		int			n = (int) (sizeof(times) / sizeof(times[0]));
		AdoptionPeriods *f = new_table(ADOPTION_TIME_NUMBER, 1, n);
		double		v = 1.0;
		int64_t		r = 1;
		bool		found = true;

		for (i = 0; i < n; i++)
			adoption_periods_add(f, adoption_number_key(times[i]), &v, &r);
		for (i = 0; i < n; i++)
			found &= adoption_periods_find(f, adoption_number_key(times[i])) == i;
		ok(found && adoption_periods_find(f, adoption_number_key(5.0)) == -1 &&
		   adoption_periods_find(f, adoption_number_key(-1e301)) == -1 &&
		   adoption_periods_find(f, adoption_number_key(INFINITY)) == -1,
		   "every period is found at its index, and no other key");
		free(f);
	}

	/* lookups against a linear scan: gaps, clusters and steep spacing, every key and between */
	{
		bool		agree = true;
		int			shape;
		unsigned	seed = 12345;

		for (shape = 0; shape < 4; shape++)
		{
			int			size;

			for (size = 1; size <= 300; size += (size < 20 ? 1 : 37))
			{
				AdoptionPeriods *f = new_table(ADOPTION_TIME_TIMESTAMPTZ, 1, size);
				double		v = 1.0;
				int64_t		r = 1;
				int64_t		key = 0;
				int64_t		probe;

				for (i = 0; i < size; i++)
				{
					seed = seed * 1103515245u + 12345u;
					switch (shape)
					{
						case 0:	/* evenly spaced */
							key += 1000;
							break;
						case 1:	/* evenly spaced with gaps */
							key += 1000 * (1 + (seed >> 16) % 3);
							break;
						case 2:	/* clusters */
							key += (seed >> 16) % 10 == 0 ? 1000000 : 1 + (seed >> 16) % 5;
							break;
						default:	/* steeper and steeper */
							key += (int64_t) i * i * i + 1;
							break;
					}
					adoption_periods_add(f, key, &v, &r);
				}
				for (probe = adoption_key(f, 0) - 2; probe <= key + 2; probe += 1 + (key - adoption_key(f, 0)) / 5000)
				{
					int			expected = -1;
					int			j;

					for (j = 0; j < f->nsorted; j++)
						if (adoption_key(f, j) == probe)
							expected = j;
					agree &= adoption_periods_find(f, probe) == expected;
				}
				for (i = 0; i < size; i++)
					agree &= adoption_periods_find(f, adoption_key(f, i)) == i;
				free(f);
			}
		}
		ok(agree, "lookups agree with a linear scan on even, gapped, clustered and steep periods");
	}

	/* number keys order as the numbers do, -0 as 0 */
	ok(adoption_number_key(-2.5) < adoption_number_key(-1.0) &&
	   adoption_number_key(-1.0) < adoption_number_key(0.0) &&
	   adoption_number_key(0.0) < adoption_number_key(1e-300) &&
	   adoption_number_key(1e-300) < adoption_number_key(7.0) &&
	   adoption_number_key(-0.0) == adoption_number_key(0.0) &&
	   adoption_key_number(adoption_number_key(-2.5)) == -2.5,
	   "number keys keep numeric order and read back");
}

static void
test_codec(void)
{
	const char *text = "{\"version\":1,\"time\":\"timestamptz\",\"periods\":"
		"[[\"-4713-11-24 00:00:00+00\",1,2,1,1],[\"2020-02-29 23:59:59.999999+00\",0.1,1e-300,3,4]]}";
	int			capacity = adoption_json_max_periods(text);
	AdoptionPeriods *p = new_table(ADOPTION_TIME_NUMBER, 2, capacity);
	const char *problem = adoption_json_read(text, 2, p, capacity);
	char	   *out;
	char		buf[32];

	ok(problem == NULL && p->nperiods == 2 && adoption_periods_check(p, 2) == ADOPTION_CHECK_OK,
	   "a timestamptz rivalry reads and checks out");
	out = malloc(adoption_json_size(p));
	adoption_json_write(p, out);
	ok(strcmp(out, text) == 0, "and writes back the same text");
	if (strcmp(out, text) != 0)
		diag("wrote %s", out);
	ok(adoption_key(p, 1) == INT64_C(636335999999999), "2020-02-29 23:59:59.999999 is 636335999999999 us after 2000 (as PostgreSQL counts)");
	free(out);
	free(p);

	adoption_format_double(0.1, buf);
	ok(strcmp(buf, "0.1") == 0, "0.1 prints as 0.1");
	adoption_format_double(0.1 + 0.2, buf);
	ok(strcmp(buf, "0.30000000000000004") == 0, "0.1 + 0.2 prints all 17 digits it needs");
	adoption_format_double(5e-324, buf);
	ok(strcmp(buf, "5e-324") == 0, "the smallest subnormal prints as 5e-324");
}

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
	test_quantiles();
	test_distribution_edges();
	test_wilson();
	test_parity_two_point();
	test_sum();
	test_period_table();
	test_codec();
	test_fit();
	return done_testing();
}
