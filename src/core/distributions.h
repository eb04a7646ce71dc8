/*
 * distributions.h
 *	  Quantiles of the normal and Student's t distributions.
 *
 * Plain C99; no PostgreSQL headers.  Accuracy is checked against R's qnorm()
 * and qt() by test/unit/test_core.c (reference values in test/reference/).
 */
#ifndef ADOPTION_DISTRIBUTIONS_H
#define ADOPTION_DISTRIBUTIONS_H

/* Quantile of the standard normal distribution, 0 < p < 1 (AS 241). */
extern double adoption_qnorm(double p);

/* Cumulative distribution function of Student's t with df > 0 degrees of freedom. */
extern double adoption_pt(double t, double df);

/* Quantile of Student's t with df > 0 degrees of freedom, 0 < p < 1. */
extern double adoption_qt(double p, double df);

#endif							/* ADOPTION_DISTRIBUTIONS_H */
