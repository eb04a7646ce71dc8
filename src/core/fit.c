/*
 * fit.c
 *	  Straight-line fits of a summary, parity and its Fieller interval.
 */
#include "fit.h"

#include <float.h>
#include <math.h>
#include <string.h>

static const char *const method_names[] = {"loglinear", "logistic", "linear", "empirical", "williams"};

bool
adoption_method_parse(const char *name, AdoptionMethod *method)
{
	int			i;

	for (i = 0; i < (int) (sizeof(method_names) / sizeof(method_names[0])); i++)
	{
		if (strcmp(name, method_names[i]) == 0)
		{
			*method = (AdoptionMethod) i;
			return true;
		}
	}
	return false;
}

const char *
adoption_method_name(AdoptionMethod method)
{
	return method_names[method];
}

const char *
adoption_fit_status_name(AdoptionFitStatus status)
{
	switch (status)
	{
		case ADOPTION_FIT_OK:
			return "ok";
		case ADOPTION_FIT_TOO_FEW:
			return "fewer than two periods the method can use";
		case ADOPTION_FIT_ONE_TIME:
			return "every period the method can use is at one time";
		case ADOPTION_FIT_SEPARATED:
			return "complete separation: fitted shares of 0 or 1, no maximum likelihood estimate";
		case ADOPTION_FIT_NOT_CONVERGED:
			return "the logistic fit did not converge in 25 iterations";
		case ADOPTION_FIT_NO_A:
			return "a is zero in every period: no period used (check that a_label is spelled as in the data)";
		case ADOPTION_FIT_NO_B:
			return "b is zero in every period: no period used (check that b_label is spelled as in the data)";
	}
	return "unknown";
}

double
adoption_period_x(const AdoptionPeriods *p, int i)
{
	return adoption_key_x((AdoptionTimeKind) p->kind, adoption_key(p, 0), adoption_key(p, i));
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
	{
		fit->status = ADOPTION_FIT_TOO_FEW;
		return;
	}
	/* two-pass weighted means: the second pass corrects the first's rounding */
	for (i = 0; i < n; i++)
	{
		double		wi = w ? w[i] : 1.0;

		sw += wi;
		xbar += wi * x[i];
		ybar += wi * y[i];
	}
	if (!(sw > 0.0))
	{
		fit->status = ADOPTION_FIT_TOO_FEW;
		return;
	}
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
	{
		fit->status = ADOPTION_FIT_ONE_TIME;
		return;
	}
	fit->ok = true;
	fit->status = ADOPTION_FIT_OK;
	fit->converged = true;
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

/*
 * The logit link as R's binomial()$linkinv and $mu.eta compute them
 * (src/library/stats/src/family.c): beyond |eta| = 30 the share is held
 * at DBL_EPSILON from 0 or 1 and its derivative at DBL_EPSILON, so that no
 * weight is zero and no working response infinite.
 */
#define LOGIT_THRESHOLD 30.0

static double
logit_share(double eta)
{
	double		t = eta < -LOGIT_THRESHOLD ? DBL_EPSILON :
		eta > LOGIT_THRESHOLD ? 1.0 / DBL_EPSILON : exp(eta);

	return t / (1.0 + t);
}

static double
logit_share_slope(double eta)
{
	double		e;

	if (eta > LOGIT_THRESHOLD || eta < -LOGIT_THRESHOLD)
		return DBL_EPSILON;
	e = exp(eta);
	return e / ((1.0 + e) * (1.0 + e));
}

/* y log(y / mu), 0 at y = 0 */
static double
ylogy(double y, double mu)
{
	return y > 0.0 ? y * log(y / mu) : 0.0;
}

/*
 * The binomial deviance of a out of m at shares mu, as R's
 * binomial()$dev.resids, each period weighted by its prior weight pw (NULL:
 * 1).
 */
static double
binomial_deviance(const double *a, const double *m, const double *pw, const double *mu, int n)
{
	double		dev = 0.0;
	int			i;

	for (i = 0; i < n; i++)
		dev += 2.0 * (pw ? pw[i] : 1.0) *
			(ylogy(a[i], m[i] * mu[i]) + ylogy(m[i] - a[i], m[i] * (1.0 - mu[i])));
	return dev;
}

/* Shares and linear predictors of the line (b0, b1) centred at xbar. */
static void
logistic_predict(const double *x, int n, double b0, double b1, double xbar,
				 double *eta, double *mu)
{
	int			i;

	for (i = 0; i < n; i++)
	{
		eta[i] = b0 + b1 * (x[i] - xbar);
		mu[i] = logit_share(eta[i]);
	}
}

/*
 * Binomial GLM with logit link by iteratively reweighted least squares, as
 * R's glm.fit does it: start from mu = (a + 1/2) / (m + 1) (or, warm, from
 * the shares of the last fit in work, for Williams' refits), take weighted
 * least-squares steps on the working response, and call the fit converged
 * when the deviance changes by less than 1e-8 of itself (plus 0.1), within
 * 25 iterations.  Then up to three more steps polish the coefficients
 * (quadratic convergence: each roughly squares the error), which moves
 * nothing R would see but the last digits.
 *
 * Fitted shares held at the clamp (|eta| > 30) mean complete separation:
 * there is no maximum likelihood estimate, and the fit says so.
 */
static void
fit_logistic(const double *x, const double *a, const double *m, const double *pw, int n,
			 bool warm, double *work, AdoptionFit *fit)
{
	double	   *z = work;
	double	   *w = work + n;
	double	   *mu = work + 2 * n;
	double	   *eta = work + 3 * n;
	double		dev;
	double		devold;
	double		pearson = 0.0;
	double		sw = 0.0;
	double		sxx = 0.0;
	bool		converged = false;
	int			iterations = 0;
	int			iter;
	int			i;

	fit->ok = false;
	for (i = 0; i < n && !warm; i++)
	{
		mu[i] = (a[i] + 0.5) / (m[i] + 1.0);
		eta[i] = log(mu[i]) - log1p(-mu[i]);
	}
	devold = binomial_deviance(a, m, pw, mu, n);
	for (iter = 1; iter <= (converged ? iterations + 3 : 25); iter++)
	{
		double		b1 = fit->b1;
		double		origin = fit->b0 - fit->b1 * fit->xbar;

		for (i = 0; i < n; i++)
		{
			double		d = logit_share_slope(eta[i]);

			z[i] = eta[i] + (a[i] / m[i] - mu[i]) / d;
			w[i] = (pw ? pw[i] : 1.0) * m[i] * d * d / (mu[i] * (1.0 - mu[i]));
		}
		adoption_wls(x, z, w, n, fit);
		if (!fit->ok)
		{
			fit->converged = false;
			return;
		}
		logistic_predict(x, n, fit->b0, fit->b1, fit->xbar, eta, mu);
		dev = binomial_deviance(a, m, pw, mu, n);
		if (!isfinite(dev))
		{
			fit->ok = false;
			fit->converged = false;
			fit->status = ADOPTION_FIT_NOT_CONVERGED;
			return;
		}
		if (converged)
		{
			/* polishing: stop once the line no longer moves */
			double		o = fit->b0 - fit->b1 * fit->xbar;

			if (fabs(fit->b1 - b1) <= 4 * DBL_EPSILON * fabs(fit->b1) &&
				fabs(o - origin) <= 4 * DBL_EPSILON * (fabs(fit->b0) + fabs(fit->b1 * fit->xbar)))
				break;
			continue;
		}
		if (fabs(dev - devold) / (fabs(dev) + 0.1) < 1e-8)
		{
			converged = true;
			iterations = iter;
		}
		devold = dev;
	}
	fit->converged = converged;
	fit->iterations = converged ? iterations : 25;
	if (!converged)
	{
		fit->ok = false;
		fit->status = ADOPTION_FIT_NOT_CONVERGED;
		return;
	}
	for (i = 0; i < n; i++)
		if (fabs(eta[i]) > LOGIT_THRESHOLD)
		{
			fit->ok = false;
			fit->status = ADOPTION_FIT_SEPARATED;
			return;
		}
	/* covariance at the estimates: centred, so diagonal */
	for (i = 0; i < n; i++)
	{
		double		v = mu[i] * (1.0 - mu[i]);
		double		p = pw ? pw[i] : 1.0;
		double		wi = p * m[i] * v;
		double		cx = x[i] - fit->xbar;
		double		r = a[i] - m[i] * mu[i];

		sw += wi;
		sxx += wi * cx * cx;
		pearson += p * r * r / (m[i] * v);
	}
	fit->deviance = binomial_deviance(a, m, pw, mu, n);
	fit->r2 = NAN;
	fit->df = n - 2;
	fit->dispersion = fit->df > 0 ? pearson / fit->df : NAN;
	fit->v00 = fit->df > 0 ? fit->dispersion / sw : NAN;
	fit->v11 = fit->df > 0 ? fit->dispersion / sxx : NAN;
}

/*
 * Williams' (1982) procedure for extra-binomial variation, with the
 * variance of his logistic-normal model: a period of m trials whose logit
 * also varies between periods has a count of variance about
 * m mu (1 - mu) (1 + phi (m - 1) mu (1 - mu)), phi the between-period
 * variance of the logit.  The binomial GLM is refitted with prior weights
 * 1 / (1 + phi (m - 1) mu (1 - mu)), mu the fit's own shares (a fixed
 * point), for the phi at which the weighted Pearson statistic equals its
 * degrees of freedom (it falls as phi grows).  The dispersion is then 1,
 * and intervals take t quantiles on the statistic's degrees of freedom
 * less one (phi is estimated too).
 *
 * The statistic counts only the periods whose expected counts at the plain
 * fit are at least WILLIAMS_MIN_EXPECTED on both sides (Cochran's rule for
 * a chi-squared statistic), k of them, and its degrees of freedom are
 * k - 2.  A period far from parity, a share of 1e-4 of a few hundred
 * trials, adds a Pearson term that is nearly always about 0 and rarely
 * huge: counted, such periods pull the statistic below its df in most
 * datasets, phi comes out 0 where the logit does vary, and the interval is
 * the binomial one, too narrow (the coverage study in the README).  When
 * fewer than 3 periods qualify, every period counts.  Data with no extra
 * variation (the statistic at phi = 0 at most its df) keep phi = 0 and the
 * quasi-binomial fit of method logistic, its dispersion the statistic over
 * its df (the same periods, the same reason).
 */
#define WILLIAMS_MIN_EXPECTED 5.0

/* The Pearson statistic of the counted periods at the shares mu, prior weights pw. */
static double
counted_pearson(const double *a, const double *m, const double *mu, const double *pw,
				const double *counted, int n)
{
	double		pearson = 0.0;
	int			i;

	for (i = 0; i < n; i++)
	{
		double		r = a[i] - m[i] * mu[i];

		pearson += counted[i] * pw[i] * r * r / (m[i] * mu[i] * (1.0 - mu[i]));
	}
	return pearson;
}

static double
williams_pearson(const double *x, const double *a, const double *m, double *pw,
				 const double *counted, int n, double phi, double *work, AdoptionFit *fit)
{
	const double *mu = work + 2 * n;	/* fit_logistic's shares */
	int			iter;
	int			i;

	/* the weights from the shares of the last fit, then from each refit's */
	for (iter = 0; iter < 50; iter++)
	{
		double		change = 0.0;

		for (i = 0; i < n; i++)
		{
			double		w = 1.0 / (1.0 + phi * (m[i] - 1.0) * mu[i] * (1.0 - mu[i]));

			change = fmax(change, fabs(w - pw[i]) / w);
			pw[i] = w;
		}
		fit_logistic(x, a, m, pw, n, true, work, fit);
		if (!fit->ok)
			return NAN;
		if (change < 1e-13)
			break;
	}
	return counted_pearson(a, m, mu, pw, counted, n);
}

/*
 * phi is the root of the statistic less its df, which falls as phi grows:
 * bracketed by doubling, then found by the Illinois method (regula falsi
 * that halves the value kept at an end twice running), to 1e-14 of itself.
 * Each refit starts from the last one's shares and weights: on 1 000
 * periods the root takes about 15 values of phi and a hundred refits of a
 * step or two, where a bisection refitting from R's start took fifty values
 * and hundreds of full fits.
 */
static void
fit_williams(const double *x, const double *a, const double *m, int n, double *work,
			 AdoptionFit *fit)
{
	const double *mu = work + 2 * n;	/* fit_logistic's shares */
	double	   *pw = work + 4 * n;
	double	   *counted = work + 5 * n;
	double		lo = 0.0;
	double		hi = 1.0;
	double		glo;
	double		ghi = 0.0;
	double		pearson;
	int			kept = 0;		/* the end kept last time: -1 lo, 1 hi */
	int			k = 0;
	int			iter;
	int			i;

	fit_logistic(x, a, m, NULL, n, false, work, fit);
	fit->phi = 0.0;
	if (!fit->ok || fit->df < 1)
		return;
	for (i = 0; i < n; i++)
	{
		counted[i] = fmin(m[i] * mu[i], m[i] * (1.0 - mu[i])) >= WILLIAMS_MIN_EXPECTED;
		k += (int) counted[i];
		pw[i] = 1.0;
	}
	if (k < 3)
	{
		for (i = 0; i < n; i++)
			counted[i] = 1.0;
		k = n;
	}
	pearson = counted_pearson(a, m, mu, pw, counted, n);
	if (pearson <= k - 2)
	{
		/* no extra variation: the quasi-binomial fit, its dispersion theirs */
		double		dispersion = pearson / (k - 2);

		/* (a dispersion of 0 over every period is 0 over some: v 0 already) */
		if (fit->dispersion > 0.0)
		{
			fit->v00 *= dispersion / fit->dispersion;
			fit->v11 *= dispersion / fit->dispersion;
		}
		fit->dispersion = dispersion;
		fit->df = k - 2;
		return;
	}
	glo = pearson - (k - 2);
	/* bracket: double hi until the statistic falls to its df */
	for (iter = 0; iter < 64; iter++)
	{
		ghi = williams_pearson(x, a, m, pw, counted, n, hi, work, fit) - (k - 2);
		if (!fit->ok)
			return;
		if (ghi <= 0.0)
			break;
		lo = hi;
		glo = ghi;
		hi *= 2.0;
	}
	for (iter = 0; iter < 200 && ghi < 0.0 && hi - lo > 1e-14 * hi; iter++)
	{
		double		phi = hi - ghi * (hi - lo) / (ghi - glo);
		double		g;

		if (!(phi > lo && phi < hi))
			phi = 0.5 * (lo + hi);
		g = williams_pearson(x, a, m, pw, counted, n, phi, work, fit) - (k - 2);
		if (!fit->ok)
			return;
		if (g > 0.0)
		{
			lo = phi;
			glo = g;
			if (kept == 1)
				ghi /= 2.0;
			kept = 1;
		}
		else
		{
			hi = phi;
			ghi = g;
			if (kept == -1)
				glo /= 2.0;
			kept = -1;
		}
	}
	/* the weights at phi, and the line they give fitted from R's start */
	williams_pearson(x, a, m, pw, counted, n, hi, work, fit);
	if (!fit->ok)
		return;
	fit_logistic(x, a, m, pw, n, false, work, fit);
	if (!fit->ok)
		return;
	fit->phi = hi;
	/* the statistic is its df: dispersion 1; phi took a degree of freedom */
	fit->v00 /= fit->dispersion;
	fit->v11 /= fit->dispersion;
	fit->dispersion = 1.0;
	fit->df = k - 3;
	if (fit->df < 1)
		fit->v00 = fit->v11 = NAN;
}

void
adoption_add_totals(const AdoptionPeriods *p, int from, int until, double *total, int *used)
{
	int			i;

	for (i = from; i <= until; i++)
	{
		double		m = adoption_sum(p, i, 0) + adoption_sum(p, i, 1);

		if (m > 0.0)
		{
			*total += m;
			(*used)++;
		}
	}
}

int
adoption_fit_points(const AdoptionPeriods *p, AdoptionMethod method, double *x, double *y,
					double *m, double *w, int *period)
{
	int			used = 0;
	int			i;

	for (i = 0; i < p->nperiods; i++)
	{
		double		a = adoption_sum(p, i, 0);
		double		b = adoption_sum(p, i, 1);

		if (!(method == ADOPTION_LOGLINEAR ? (a > 0.0 && b > 0.0) :
			  method == ADOPTION_LINEAR ? b > 0.0 : a + b > 0.0))
			continue;
		x[used] = adoption_period_x(p, i);
		m[used] = a + b;
		switch (method)
		{
			case ADOPTION_LOGLINEAR:
				y[used] = log_ratio(a, b);
				break;
			case ADOPTION_LINEAR:
				y[used] = a / b;
				break;
			case ADOPTION_EMPIRICAL:
				/* Cox's empirical logit, and the inverse of its variance */
				y[used] = log(a + 0.5) - log(b + 0.5);
				w[used] = 1.0 / (1.0 / (a + 0.5) + 1.0 / (b + 0.5));
				break;
			default:
				y[used] = a;
				break;
		}
		if (period)
			period[used] = i;
		used++;
	}
	return used;
}

int
adoption_first_observed(const AdoptionPeriods *p, int series)
{
	int			i;

	for (i = 0; i < p->nperiods; i++)
		if (adoption_sum(p, i, series) > 0.0)
			break;
	return i;
}

void
adoption_fit_rivalry_points(AdoptionMethod method, const double *x, const double *y,
							const double *m, const double *w, int used, int nperiods,
							bool any_a, bool any_b, double *work, AdoptionFit *fit)
{
	fit_reset(fit);
	if (nperiods > 0 && (!any_a || !any_b))
	{
		/* one side never observed: every method's answer would be 0, 1 or none */
		fit->status = !any_a ? ADOPTION_FIT_NO_A : ADOPTION_FIT_NO_B;
		fit->skipped = nperiods;
		return;
	}
	if (method == ADOPTION_LOGISTIC)
		fit_logistic(x, y, m, NULL, used, false, work, fit);
	else if (method == ADOPTION_WILLIAMS)
		fit_williams(x, y, m, used, work, fit);
	else
		adoption_wls(x, y, method == ADOPTION_EMPIRICAL ? w : NULL, used, fit);
	if (used < 2)
		fit->status = ADOPTION_FIT_TOO_FEW;
	fit->used = used;
	fit->skipped = nperiods - used;
}

void
adoption_fit_rivalry(const AdoptionPeriods *p, AdoptionMethod method,
					 double *work, AdoptionFit *fit)
{
	int			n = p->nperiods;
	double	   *x = work;
	double	   *y = work + n;
	double	   *m = work + 2 * n;
	double	   *w = work + 3 * n;
	int			used = 0;
	bool		any_a = adoption_first_observed(p, 0) < n;
	bool		any_b = adoption_first_observed(p, 1) < n;

	if (any_a && any_b)
		used = adoption_fit_points(p, method, x, y, m, w, NULL);
	/* the iterative fits' scratch is w's room: they have no w */
	adoption_fit_rivalry_points(method, x, y, m, w, used, n, any_a, any_b, work + 3 * n, fit);
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

double
adoption_fit_prediction_se(const AdoptionFit *fit, AdoptionMethod method, double x, double total)
{
	double		se = adoption_fit_se(fit, x);
	double		mu;

	switch (method)
	{
		case ADOPTION_LOGISTIC:
			mu = logit_share(adoption_fit_at(fit, x));
			return sqrt(se * se + fit->dispersion / (total * mu * (1.0 - mu)));
		case ADOPTION_WILLIAMS:
			mu = logit_share(adoption_fit_at(fit, x));
			return sqrt(se * se + fit->dispersion *
						(1.0 + fit->phi * (total - 1.0) * mu * (1.0 - mu)) / (total * mu * (1.0 - mu)));
		case ADOPTION_EMPIRICAL:
			mu = logit_share(adoption_fit_at(fit, x));
			return sqrt(se * se + fit->dispersion *
						(1.0 / (total * mu + 0.5) + 1.0 / (total * (1.0 - mu) + 0.5)));
		default:
			return sqrt(se * se + fit->dispersion);
	}
}

bool
adoption_parity_two_point(double ratio1, double ratio2, AdoptionMethod method, double *f)
{
	double		y1;
	double		y2;

	if (method == ADOPTION_LINEAR)
	{
		/* ratio = 1 on the straight line through (0, ratio1) and (1, ratio2) */
		y1 = ratio1 - 1.0;
		y2 = ratio2 - 1.0;
	}
	else
	{
		/* ln(ratio) = 0 on the straight line through the log-ratios */
		y1 = log(ratio1);
		y2 = log(ratio2);
	}
	if (y1 == y2)
		return false;
	*f = y1 / (y1 - y2);
	return true;
}
