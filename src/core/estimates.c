/*
 * estimates.c
 *	  Closed-form estimates: the Wilson score interval of a share and the
 *	  two-point parity projection.
 */
#include "estimates.h"

#include <math.h>
#include <string.h>

static const char *const method_names[] = {
	[ADOPTION_LOGLINEAR] = "loglinear",
	[ADOPTION_LOGISTIC] = "logistic",
	[ADOPTION_LINEAR] = "linear",
};

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

/*
 * Wilson (1927): the interval of the proportions p for which
 * |phat - p| <= z * sqrt(p (1 - p) / n), the same interval as R's
 * prop.test(part, total, correct = FALSE).
 */
void
adoption_wilson(double part, double total, double z, double *lower, double *upper)
{
	double		phat = part / total;
	double		z2n = z * z / total;
	double		centre = (phat + z2n / 2.0) / (1.0 + z2n);
	double		half = z / (1.0 + z2n) *
		sqrt(phat * (1.0 - phat) / total + z2n / (4.0 * total));

	*lower = centre - half;
	*upper = centre + half;
	/* rounding can step a hair outside the unit interval at phat = 0 or 1 */
	if (*lower < 0.0 || part == 0.0)
		*lower = 0.0;
	if (*upper > 1.0 || part == total)
		*upper = 1.0;
}

bool
adoption_parity_two_point(double ratio1, double ratio2,
						  AdoptionMethod method, double *f)
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
