/*
 * share.c
 *	  The Wilson score interval of a share.
 */
#include "share.h"

#include <math.h>

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
