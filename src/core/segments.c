/*
 * segments.c
 *	  Exact segmented least squares (segments.h).
 */
#include <float.h>
#include <math.h>
#include <stddef.h>

#include "segments.h"

/* A run of points added one at a time: weighted means and co-moments. */
typedef struct Run
{
	double		sw;
	double		mx;
	double		my;
	double		cxx;
	double		cxy;
	double		cyy;
} Run;

static void
run_add(Run *r, double x, double y, double w)
{
	double		dx = x - r->mx;
	double		dy = y - r->my;

	r->sw += w;
	r->mx += w * dx / r->sw;
	r->my += w * dy / r->sw;
	r->cxx += w * dx * (x - r->mx);
	r->cxy += w * dx * (y - r->my);
	r->cyy += w * dy * (y - r->my);
}

/* The residual sum of squares of the run's least-squares line. */
static double
run_sse(const Run *r)
{
	double		sse = r->cxx > 0.0 ? r->cyy - r->cxy * r->cxy / r->cxx : r->cyy;

	return sse > 0.0 ? sse : 0.0;
}

static double
run_slope(const Run *r)
{
	return r->cxx > 0.0 ? r->cxy / r->cxx : NAN;
}

/* The run of points from..to, inclusive. */
static Run
run_of(const double *x, const double *y, const double *w, int from, int to)
{
	Run			r = {0};
	int			i;

	for (i = from; i <= to; i++)
		run_add(&r, x[i], y[i], w ? w[i] : 1.0);
	return r;
}

static double
segment_sse(const double *x, const double *y, const double *w, int from, int to)
{
	Run			r = run_of(x, y, w, from, to);

	return run_sse(&r);
}

int
adoption_segments(const double *x, const double *y, const double *w, int n, int max_breaks,
				  int min_length, double chi2, double *work, AdoptionBreak *breaks, double *bic)
{
	double	   *best = work;	/* best[k * n + j]: points 0..j in k + 1 segments */
	double	   *from = work + (size_t) (max_breaks + 1) * n;	/* that last segment's start */
	double		floor;
	double		best_bic = INFINITY;
	int			chosen = 0;
	int			starts[ADOPTION_MAX_BREAKS + 2];
	int			k;
	int			i;
	int			j;

	if (max_breaks > ADOPTION_MAX_BREAKS)
		max_breaks = ADOPTION_MAX_BREAKS;
	if (min_length < 2)
		min_length = 2;
	for (k = 0; k <= max_breaks; k++)
	{
		if (bic)
			bic[k] = NAN;
		for (j = 0; j < n; j++)
			best[(size_t) k * n + j] = INFINITY;
	}
	if (n < min_length)
		return 0;
	{
		Run			all = run_of(x, y, w, 0, n - 1);

		floor = 1e-12 * all.cyy;
	}

	/*
	 * Segments in order of their start: every segment ending just before
	 * start i began earlier, so best[k - 1][i - 1] is final when read.
	 */
	for (i = 0; i + min_length <= n; i++)
	{
		Run			r = {0};

		for (j = i; j < n; j++)
		{
			run_add(&r, x[j], y[j], w ? w[j] : 1.0);
			if (j - i + 1 < min_length)
				continue;
			if (i == 0)
			{
				best[j] = run_sse(&r);
				from[j] = 0;
				continue;
			}
			for (k = 1; k <= max_breaks; k++)
			{
				double		before = best[(size_t) (k - 1) * n + i - 1];
				double		total = before + run_sse(&r);

				if (before < INFINITY && total < best[(size_t) k * n + j])
				{
					best[(size_t) k * n + j] = total;
					from[(size_t) k * n + j] = i;
				}
			}
		}
	}

	for (k = 0; k <= max_breaks; k++)
	{
		double		sse = best[(size_t) k * n + n - 1];
		double		b;

		if (!(sse < INFINITY))
			continue;
		b = n * log(fmax(sse, floor) / n) + (3.0 * k + 2.0) * log((double) n);
		if (bic)
			bic[k] = b;
		if (b < best_bic)
		{
			best_bic = b;
			chosen = k;
		}
	}

	/* the chosen segments' starts, from the last back */
	j = n - 1;
	for (k = chosen; k >= 0; k--)
	{
		starts[k] = (int) from[(size_t) k * n + j];
		j = starts[k] - 1;
	}
	starts[chosen + 1] = n;

	for (k = 0; k < chosen; k++)
	{
		AdoptionBreak *b = &breaks[k];
		int			left = starts[k];
		int			right = starts[k + 2] - 1;
		double		sse_min = INFINITY;
		double		fixed = 0.0;
		int			s;
		Run			before = run_of(x, y, w, starts[k], starts[k + 1] - 1);
		Run			after = run_of(x, y, w, starts[k + 1], starts[k + 2] - 1);

		b->at = starts[k + 1];
		b->slope_before = run_slope(&before);
		b->slope_after = run_slope(&after);
		/* the other segments' residuals, held */
		for (s = 0; s <= chosen; s++)
			if (s != k && s != k + 1)
				fixed += segment_sse(x, y, w, starts[s], starts[s + 1] - 1);
		sse_min = fixed + run_sse(&before) + run_sse(&after);
		b->lower = b->upper = b->at;
		for (i = left + min_length; i + min_length <= right + 1; i++)
		{
			double		sse = fixed + segment_sse(x, y, w, left, i - 1) +
				segment_sse(x, y, w, i, right);

			if (n * log(fmax(sse, floor) / fmax(sse_min, floor)) <= chi2)
			{
				if (i < b->lower)
					b->lower = i;
				if (i > b->upper)
					b->upper = i;
			}
		}
	}
	return chosen;
}
