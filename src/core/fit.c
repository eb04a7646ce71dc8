/*
 * fit.c
 *	  Straight-line fits of a period table, parity and its Fieller interval.
 */
#include "fit.h"

#include <float.h>
#include <math.h>
#include <string.h>

#define USECS_PER_SEC 1000000.0

double
adoption_period_x(const AdoptionPeriods *p, int i)
{
	int64_t		k0 = adoption_key(p, 0);
	int64_t		k = adoption_key(p, i);

	if (p->kind == ADOPTION_TIME_NUMBER)
		return adoption_key_number(k) - adoption_key_number(k0);
	/* exact in int64, then one rounding: keys span < 2^63 microseconds */
	return (double) (k - k0) / USECS_PER_SEC;
}

double
adoption_x_key_offset(const AdoptionPeriods *p, double x)
{
	if (p->kind == ADOPTION_TIME_NUMBER)
		return adoption_key_number(adoption_key(p, 0)) + x;
	return rint(x * USECS_PER_SEC);
}

static void
fit_reset(AdoptionFit *fit)
{
	memset(fit, 0, sizeof(*fit));
	fit->v00 = fit->v11 = fit->dispersion = fit->r2 = fit->deviance = NAN;
}

void
adoption_wls(const double *x, const double *y, const double *w, int n, AdoptionFit *fit)
{
	double		sw = 0.0;
	double		xbar = 0.0;
	double		ybar = 0.0;
	double		dx = 0.0;
	double		dy = 0.0;
	double		sxx = 0.0;
	double		sxy = 0.0;
	double		syy = 0.0;
	double		sse = 0.0;
	int			i;

	fit->ok = false;
	if (n < 2)
		return;
	/* two-pass weighted means: the second pass corrects the first's rounding */
	for (i = 0; i < n; i++)
	{
		double		wi = w ? w[i] : 1.0;

		sw += wi;
		xbar += wi * x[i];
		ybar += wi * y[i];
	}
	if (!(sw > 0.0))
		return;
	xbar /= sw;
	ybar /= sw;
	for (i = 0; i < n; i++)
	{
		double		wi = w ? w[i] : 1.0;

		dx += wi * (x[i] - xbar);
		dy += wi * (y[i] - ybar);
	}
	xbar += dx / sw;
	ybar += dy / sw;
	for (i = 0; i < n; i++)
	{
		double		wi = w ? w[i] : 1.0;
		double		cx = x[i] - xbar;
		double		cy = y[i] - ybar;

		sxx += wi * cx * cx;
		sxy += wi * cx * cy;
		syy += wi * cy * cy;
	}
	if (!(sxx > 0.0))
		return;
	fit->ok = true;
	fit->xbar = xbar;
	fit->b0 = ybar;
	fit->b1 = sxy / sxx;
	for (i = 0; i < n; i++)
	{
		double		wi = w ? w[i] : 1.0;
		double		r = y[i] - ybar - fit->b1 * (x[i] - xbar);

		sse += wi * r * r;
	}
	fit->df = n - 2;
	fit->deviance = sse;
	fit->r2 = syy > 0.0 ? 1.0 - sse / syy : NAN;
	if (fit->df > 0)
	{
		fit->dispersion = sse / fit->df;
		fit->v00 = fit->dispersion / sw;
		fit->v11 = fit->dispersion / sxx;
	}
	/* the caller's weights are its own: v00 and v11 assume variance sigma^2 / w */
}

/* log(a / b): one logarithm, two where the quotient would overflow or underflow */
static double
log_ratio(double a, double b)
{
	double		q = a / b;

	if (q >= DBL_MIN && q <= DBL_MAX)
		return log(q);
	return log(a) - log(b);
}

static double
expit(double eta)
{
	return eta >= 0.0 ? 1.0 / (1.0 + exp(-eta)) : exp(eta) / (1.0 + exp(eta));
}

/* y log(y / mu), 0 at y = 0 */
static double
ylogy(double y, double mu)
{
	return y > 0.0 ? y * log(y / mu) : 0.0;
}

static double
binomial_deviance(const double *a, const double *m, const double *mu, int n)
{
	double		dev = 0.0;
	int			i;

	for (i = 0; i < n; i++)
		dev += 2.0 * (ylogy(a[i], m[i] * mu[i]) +
					  ylogy(m[i] - a[i], m[i] * (1.0 - mu[i])));
	return dev;
}

/*
 * Binomial GLM with logit link by iteratively reweighted least squares, as
 * R's glm.fit: start from mu = (a + 1/2) / (m + 1), iterate the weighted fit
 * of the working response until the deviance settles.
 */
static void
fit_logistic(const double *x, const double *a, const double *m, int n,
			 double *work, AdoptionFit *fit)
{
	double	   *z = work;
	double	   *w = work + n;
	double	   *mu = work + 2 * n;
	double		dev;
	double		devold = INFINITY;
	double		pearson = 0.0;
	double		sw = 0.0;
	double		sxx = 0.0;
	int			iter;
	int			i;

	fit->ok = false;
	for (i = 0; i < n; i++)
		mu[i] = (a[i] + 0.5) / (m[i] + 1.0);
	dev = binomial_deviance(a, m, mu, n);
	for (iter = 1; iter <= 100; iter++)
	{
		for (i = 0; i < n; i++)
		{
			double		v = mu[i] * (1.0 - mu[i]);
			double		eta = log(mu[i]) - log1p(-mu[i]);

			z[i] = eta + (a[i] / m[i] - mu[i]) / v;
			w[i] = m[i] * v;
		}
		adoption_wls(x, z, w, n, fit);
		if (!fit->ok)
			return;
		for (i = 0; i < n; i++)
		{
			mu[i] = expit(fit->b0 + fit->b1 * (x[i] - fit->xbar));
			/* fitted probabilities of 0 or 1: the data are separated */
			if (!(mu[i] > 0.0 && mu[i] < 1.0))
			{
				fit->ok = false;
				return;
			}
		}
		devold = dev;
		dev = binomial_deviance(a, m, mu, n);
		fit->iterations = iter;
		if (fabs(dev - devold) <= 1e-13 * (fabs(dev) + 0.1))
			break;
	}
	if (iter > 100 || !isfinite(dev))
	{
		fit->ok = false;
		return;
	}
	/* covariance at the estimates: centred, so diagonal */
	for (i = 0; i < n; i++)
	{
		double		v = mu[i] * (1.0 - mu[i]);
		double		wi = m[i] * v;
		double		cx = x[i] - fit->xbar;
		double		r = a[i] - m[i] * mu[i];

		sw += wi;
		sxx += wi * cx * cx;
		pearson += r * r / (m[i] * v);
	}
	fit->deviance = dev;
	fit->r2 = NAN;
	fit->df = n - 2;
	fit->dispersion = fit->df > 0 ? pearson / fit->df : NAN;
	fit->v00 = fit->df > 0 ? fit->dispersion / sw : NAN;
	fit->v11 = fit->df > 0 ? fit->dispersion / sxx : NAN;
}

void
adoption_fit_rivalry(const AdoptionPeriods *p, AdoptionMethod method,
					 double *work, AdoptionFit *fit)
{
	int			n = p->nperiods;
	double	   *x = work;
	double	   *y = work + n;
	double	   *m = work + 2 * n;
	int			used = 0;
	int			i;

	fit_reset(fit);
	for (i = 0; i < n; i++)
	{
		double		a = adoption_sum(p, i, 0);
		double		b = adoption_sum(p, i, 1);

		if (method == ADOPTION_LOGLINEAR ? (a > 0.0 && b > 0.0) :
			method == ADOPTION_LINEAR ? b > 0.0 : a + b > 0.0)
		{
			x[used] = adoption_period_x(p, i);
			y[used] = method == ADOPTION_LOGLINEAR ? log_ratio(a, b) :
				method == ADOPTION_LINEAR ? a / b : a;
			m[used] = a + b;
			used++;
		}
	}
	if (method == ADOPTION_LOGISTIC)
		fit_logistic(x, y, m, used, work + 3 * n, fit);
	else
		adoption_wls(x, y, NULL, used, fit);
	fit->used = used;
	fit->skipped = n - used;
}

void
adoption_fit_series(const AdoptionPeriods *p, int series, bool log_scale,
					double *work, AdoptionFit *fit)
{
	int			n = p->nperiods;
	double	   *x = work;
	double	   *y = work + n;
	int			used = 0;
	int			i;

	fit_reset(fit);
	for (i = 0; i < n; i++)
	{
		double		v = adoption_sum(p, i, series);

		if (log_scale && !(v > 0.0))
			continue;
		x[used] = adoption_period_x(p, i);
		y[used] = log_scale ? log(v) : v;
		used++;
	}
	adoption_wls(x, y, NULL, used, fit);
	fit->used = used;
	fit->skipped = n - used;
}

bool
adoption_fit_crossing(const AdoptionFit *fit, double level, double *x)
{
	if (!fit->ok || fit->b1 == 0.0)
		return false;
	*x = fit->xbar + (level - fit->b0) / fit->b1;
	return isfinite(*x);
}

/*
 * The set of theta with (c + b1 theta)^2 <= q^2 (v00 + theta^2 v11), where
 * c = b0 - level: a quadratic A theta^2 + 2 B theta + C <= 0 with
 * A = b1^2 - q^2 v11, B = c b1, C = c^2 - q^2 v00.  B^2 - AC simplifies to
 * q^2 (v00 A + v11 c^2), never negative when A > 0.
 */
void
adoption_fit_fieller(const AdoptionFit *fit, double level, double q,
					 double *lower, double *upper)
{
	double		c = fit->b0 - level;
	double		a = fit->b1 * fit->b1 - q * q * fit->v11;
	double		root;

	if (!(a > 0.0))
	{
		*lower = -INFINITY;
		*upper = INFINITY;
		return;
	}
	root = q * sqrt(fit->v00 * a + fit->v11 * c * c);
	*lower = fit->xbar + (-c * fit->b1 - root) / a;
	*upper = fit->xbar + (-c * fit->b1 + root) / a;
}

double
adoption_fit_se(const AdoptionFit *fit, double x)
{
	double		d = x - fit->xbar;

	return sqrt(fit->v00 + d * d * fit->v11);
}
