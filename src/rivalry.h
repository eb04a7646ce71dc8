/*
 * rivalry.h
 *	  What the accessors of a rivalry share (rivalry.c): its fit, parity,
 *	  the fitted line as shares and ratios, and the observed crossovers.
 */
#ifndef ADOPTION_RIVALRY_H
#define ADOPTION_RIVALRY_H

#include "postgres.h"

#include "core/fit.h"

/* Fit r by method; false when there is no line (a NULL answer). */
extern bool RivalryFit(AdoptionPeriods *p, AdoptionMethod method, AdoptionFit *fit);

/* The level of the fitted line at parity: log-ratio or logit 0, ratio 1. */
extern double ParityLevel(AdoptionMethod method);

/* Parity as x, or false (flat fit, or too few periods). */
extern bool RivalryParityX(AdoptionPeriods *p, AdoptionMethod method, AdoptionFit *fit, double *x);

/* The two-sided t quantile of a fit's interval at level. */
extern double FitQuantile(const AdoptionFit *fit, double level);

/* A value of the fitted line as a ratio a / b, and as a's share (NaN: none). */
extern double EtaRatio(AdoptionMethod method, double eta);
extern double EtaShare(AdoptionMethod method, double eta);

/*
 * The x of every observed crossover (the lead changing hands), in order;
 * xs holds p->nperiods.
 */
extern void RivalryCrossoverXs(AdoptionPeriods *p, double *xs, int *n);

#endif							/* ADOPTION_RIVALRY_H */
