/*
 * distributions.c
 *	  Quantiles of the normal and Student's t distributions.
 *
 * The normal quantile is Wichura's algorithm AS 241 (PPND16, Applied
 * Statistics 37, 1988), accurate to about 1e-16, the same algorithm R's
 * qnorm() uses.  Student's t distribution function comes from the regularized
 * incomplete beta function (a Lentz continued fraction); its quantile starts
 * from a Cornish-Fisher expansion around the normal quantile and is polished
 * by safeguarded Newton steps on the distribution function.
 *
 * Why not a library: GSL and R's standalone Rmath are GPL, and this
 * extension is released under the PostgreSQL licence.
 */
#include "distributions.h"

#include <float.h>
#include <math.h>

double
adoption_qnorm(double p)
{
	double		q = p - 0.5;
	double		r;
	double		val;

	if (!(p > 0.0 && p < 1.0))
		return NAN;

	if (fabs(q) <= 0.425)
	{
		r = 0.180625 - q * q;
		return q * (((((((r * 2509.0809287301226727 +
						  33430.575583588128105) * r + 67265.770927008700853) * r +
						45921.953931549871457) * r + 13731.693765509461125) * r +
					  1971.5909503065514427) * r + 133.14166789178437745) * r +
					3.387132872796366608)
			/ (((((((r * 5226.495278852545925 +
					 28729.085735721942674) * r + 39307.89580009271061) * r +
				   21213.794301586595867) * r + 5394.1960214247511077) * r +
				 687.1870074920579083) * r + 42.313330701600911252) * r + 1.0);
	}

	r = sqrt(-log(q < 0.0 ? p : 1.0 - p));
	if (r <= 5.0)
	{
		r -= 1.6;
		val = (((((((r * 7.7454501427834140764e-4 +
					 0.0227238449892691845833) * r + 0.24178072517745061177) * r +
				   1.27045825245236838258) * r + 3.64784832476320460504) * r +
				 5.7694972214606914055) * r + 4.6303378461565452959) * r +
			   1.42343711074968357734)
			/ (((((((r * 1.05075007164441684324e-9 +
					 5.475938084995344946e-4) * r + 0.0151986665636164571966) * r +
				   0.14810397642748007459) * r + 0.68976733498510000455) * r +
				 1.6763848301838038494) * r + 2.05319162663775882187) * r + 1.0);
	}
	else
	{
		r -= 5.0;
		val = (((((((r * 2.01033439929228813265e-7 +
					 2.71155556874348757815e-5) * r + 0.0012426609473880784386) * r +
				   0.026532189526576123093) * r + 0.29656057182850489123) * r +
				 1.7848265399172913358) * r + 5.4637849111641143699) * r +
			   6.6579046435011037772)
			/ (((((((r * 2.04426310338993978564e-15 +
					 1.4215117583164458887e-7) * r + 1.8463183175100546818e-5) * r +
				   7.868691311456132591e-4) * r + 0.0148753612908506148525) * r +
				 0.13692988092273580531) * r + 0.59983220655588793769) * r + 1.0);
	}
	return q < 0.0 ? -val : val;
}

/*
 * Lentz's guard: a value within 1e-300 of zero is moved that far from it
 * (keeping its sign), so that no step divides by zero.
 */
static double
lentz_nonzero(double v)
{
	return copysign(fmax(fabs(v), 1e-300), v);
}

/* One step of the modified Lentz method: fold in the coefficient aa. */
static double
lentz_step(double aa, double *c, double *d)
{
	*d = 1.0 / lentz_nonzero(1.0 + aa * *d);
	*c = lentz_nonzero(1.0 + aa / *c);
	return *d * *c;
}

/*
 * Continued fraction of the regularized incomplete beta function
 * (modified Lentz's method).
 */
static double
beta_cf(double a, double b, double x)
{
	double		c = 1.0;
	double		d = 1.0 - (a + b) * x / (a + 1.0);
	double		h;
	int			m;

	d = 1.0 / lentz_nonzero(d);
	h = d;
	for (m = 1; m <= 10000; m++)
	{
		int			m2 = 2 * m;
		double		del;

		h *= lentz_step(m * (b - m) * x / ((a + m2 - 1.0) * (a + m2)), &c, &d);
		del = lentz_step(-(a + m) * (a + b + m) * x / ((a + m2) * (a + m2 + 1.0)), &c, &d);
		h *= del;
		/* within 1e-16 of 1: no double but 1 itself */
		if (del == 1.0)
			break;
	}
	return h;
}

/*
 * lgamma(b + a) - lgamma(b), 0 < a, without the cancellation of two large
 * log-gammas when b is large (Stirling's series for the difference).
 */
static double
lgamma_ratio(double a, double b)
{
	double		c;

	if (b < 100.0)
		return lgamma(b + a) - lgamma(b);
#define STIRLING_CORRECTION(x) \
	(1.0 / (12.0 * (x)) - 1.0 / (360.0 * (x) * (x) * (x)) + \
	 1.0 / (1260.0 * (x) * (x) * (x) * (x) * (x)))
	c = STIRLING_CORRECTION(b + a) - STIRLING_CORRECTION(b);
#undef STIRLING_CORRECTION
	return (b - 0.5) * log1p(a / b) + a * log(b + a) - a + c;
}

/* log of the beta function B(a, b) */
static double
log_beta(double a, double b)
{
	double		small = a < b ? a : b;
	double		big = a < b ? b : a;

	return lgamma(small) - lgamma_ratio(small, big);
}

/*
 * Regularized incomplete beta function I_x(a, b), given both x and y = 1 - x
 * (the caller computes whichever is small without cancellation).  The
 * continued fraction converges fast for x < (a + 1) / (a + b + 2); beyond
 * that, the symmetry I_x(a, b) = 1 - I_y(b, a).
 */
static double
incomplete_beta(double a, double b, double x, double y)
{
	double		front;

	/* at x = 0 or y = 0 the log of zero makes front 0, and the result 0 or 1 */
	front = exp(a * log(x) + b * log(y) - log_beta(a, b));
	if (x < (a + 1.0) / (a + b + 2.0))
		return front * beta_cf(a, b, x) / a;
	return 1.0 - front * beta_cf(b, a, y) / b;
}

/* Upper tail P(T > t) of Student's t for t >= 0: I_x(df/2, 1/2) / 2. */
static double
pt_upper(double t, double df)
{
	/* x = df / (df + t^2) and 1 - x = t^2 / (df + t^2), without overflow */
	double		r = df / t;
	double		x = r / (t + r);
	double		y = t / (t + r);

	if (t == 0.0)
		return 0.5;
	return 0.5 * incomplete_beta(0.5 * df, 0.5, x, y);
}

double
adoption_pt(double t, double df)
{
	if (isnan(t) || !(df > 0.0))
		return NAN;
	if (isinf(t))
		return t > 0.0 ? 1.0 : 0.0;
	return t < 0.0 ? pt_upper(-t, df) : 1.0 - pt_upper(t, df);
}

/* Density of Student's t, for the Newton steps. */
static double
dt(double t, double df)
{
	return exp(lgamma_ratio(0.5, 0.5 * df) -
			   0.5 * log(df * 3.14159265358979323846) -
			   0.5 * (df + 1.0) * log1p(t * t / df));
}

/* The t whose upper tail P(T > t) is tail, 0 < tail < 0.5. */
static double
qt_upper(double tail, double df)
{
	double		z;
	double		t;
	double		ft;
	double		lo;
	double		hi;
	int			i;

	/* Cornish-Fisher start (Abramowitz and Stegun 26.7.5) */
	z = -adoption_qnorm(tail);
	t = z + (z * z * z + z) / (4.0 * df) +
		(5.0 * pow(z, 5) + 16.0 * pow(z, 3) + 3.0 * z) / (96.0 * df * df);
	if (!isfinite(t) || t <= 0.0)
		t = z;

	/* bracket the root, then Newton with a bisection fallback */
	ft = pt_upper(t, df);		/* also Newton's first step's */
	lo = 0.0;
	hi = t;
	if (ft > tail)
		do
		{
			lo = hi;
			hi *= 2.0;
			if (!isfinite(hi))
				return INFINITY;
		} while (pt_upper(hi, df) > tail);
	for (i = 0; i < 200; i++)
	{
		double		f = (i == 0 ? ft : pt_upper(t, df)) - tail;
		double		next;

		if (f == 0.0)
			break;
		if (f > 0.0)
			lo = t;
		else
			hi = t;
		next = t + f / dt(t, df);
		if (!(next > lo && next < hi))
			next = 0.5 * (lo + hi);
		if (fabs(next - t) <= 4.0 * DBL_EPSILON * fabs(t))
		{
			t = next;
			break;
		}
		t = next;
	}
	return t;
}

/*
 * The last quantile solved for, and its answer.  A query over many groups
 * asks for the same one on every row (one level, groups of as many
 * periods), and each costs microseconds of continued fractions: more than
 * the fit it serves.  The answer is the same bits either way.  (A backend
 * has one thread.)
 */
static double memo_p = NAN;
static double memo_df = NAN;
static double memo_q;

double
adoption_qt(double p, double df)
{
	double		q;

	if (!(p > 0.0 && p < 1.0) || !(df > 0.0))
		return NAN;
	if (p == 0.5)
		return 0.0;
	if (df > 1e12)
		return adoption_qnorm(p);
	if (p == memo_p && df == memo_df)
		return memo_q;
	/* symmetric: solve on the smaller tail, where it is exact */
	q = p < 0.5 ? -qt_upper(p, df) : qt_upper(1.0 - p, df);
	memo_p = p;
	memo_df = df;
	memo_q = q;
	return q;
}
