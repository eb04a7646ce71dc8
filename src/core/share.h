/*
 * share.h
 *	  How sure a share measured from counts is: the Wilson score interval.
 *
 * Plain C99; no PostgreSQL headers.
 */
#ifndef ADOPTION_SHARE_H
#define ADOPTION_SHARE_H

/*
 * Wilson score interval of the share part / total at the normal quantile z
 * (z = 1.959964 for 95 %).  Requires 0 <= part <= total, total > 0.
 */
extern void adoption_wilson(double part, double total, double z,
							double *lower, double *upper);

#endif							/* ADOPTION_SHARE_H */
