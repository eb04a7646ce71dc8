/*
 * tap.h
 *	  A minimal Test Anything Protocol emitter for the core's unit tests.
 */
#ifndef ADOPTION_TAP_H
#define ADOPTION_TAP_H

#include <math.h>
#include <stdarg.h>
#include <stdio.h>

/* not every test file uses every helper */
#define TAP_HELPER static __attribute__((unused))

static int	tap_count;
static int	tap_failed;

/* Report one assertion; returns cond. */
TAP_HELPER int
ok(int cond, const char *fmt, ...)
{
	va_list		ap;

	tap_count++;
	if (!cond)
		tap_failed++;
	printf("%sok %d - ", cond ? "" : "not ", tap_count);
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	printf("\n");
	return cond;
}

/* Print a diagnostic line. */
TAP_HELPER void
diag(const char *fmt, ...)
{
	va_list		ap;

	printf("# ");
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	printf("\n");
}

/* got agrees with want to rel relative error (absolute near zero). */
TAP_HELPER int
close_to(double got, double want, double rel)
{
	if (isinf(want) || isnan(want))
		return got == want || (isnan(got) && isnan(want));
	return fabs(got - want) <= rel * (fabs(want) > 1.0 ? fabs(want) : 1.0);
}

TAP_HELPER int
done_testing(void)
{
	printf("1..%d\n", tap_count);
	return tap_failed == 0 ? 0 : 1;
}

#endif							/* ADOPTION_TAP_H */
