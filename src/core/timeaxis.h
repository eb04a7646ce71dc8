/*
 * timeaxis.h
 *	  The time axis: kinds of time, period keys, and the x of every fit.
 *
 * Three coordinates, and every conversion between them here:
 *	key		orders periods.  For timestamps and dates, microseconds since
 *			2000-01-01 00:00 UTC (PostgreSQL's TimestampTz); for numeric time,
 *			the double's bits mapped so that signed integer order is numeric
 *			order.
 *	x		what fits see: seconds (units of numeric time) since an origin,
 *			the summary's first period, so that x stays small and exact.
 *	point	what a user reads as a number: epoch seconds (as
 *			extract(epoch FROM t)) for time, the number itself otherwise.
 *
 * Plain C99; no PostgreSQL headers.
 */
#ifndef ADOPTION_TIMEAXIS_H
#define ADOPTION_TIMEAXIS_H

#include <stdbool.h>
#include <stdint.h>

/* What the time column was; it decides how keys read and print. */
typedef enum AdoptionTimeKind
{
	ADOPTION_TIME_NUMBER = 0,	/* int, bigint, double precision, numeric */
	ADOPTION_TIME_TIMESTAMPTZ = 1,
	ADOPTION_TIME_TIMESTAMP = 2,	/* read as UTC */
	ADOPTION_TIME_DATE = 3		/* midnight UTC */
} AdoptionTimeKind;

#define ADOPTION_TIME_KINDS 4

#define ADOPTION_USECS_PER_SEC INT64_C(1000000)
#define ADOPTION_USECS_PER_DAY INT64_C(86400000000)
/* seconds from 1970-01-01 to 2000-01-01: epoch points count from 1970 */
#define ADOPTION_EPOCH_OFFSET_SECONDS 946684800.0
/* days from 1970-01-01 to 2000-01-01 */
#define ADOPTION_POSTGRES_EPOCH_DAYS 10957

/* PostgreSQL's TimestampTz range: 4714-11-24 BC to 294277-01-01 AD, exclusive */
#define ADOPTION_MIN_TIMESTAMP_KEY INT64_C(-211813488000000000)
#define ADOPTION_END_TIMESTAMP_KEY INT64_C(9223371331200000000)

/* "number", "timestamptz", "timestamp", "date" */
extern const char *adoption_time_kind_name(AdoptionTimeKind kind);

/* Numeric time as a key and back; -0 is 0. */
extern int64_t adoption_number_key(double number);
extern double adoption_key_number(int64_t key);

/* Is key a valid period of this kind of time (within PostgreSQL's range)? */
extern bool adoption_key_valid(AdoptionTimeKind kind, int64_t key);

/* x of key, counted from the key origin. */
extern double adoption_key_x(AdoptionTimeKind kind, int64_t origin, int64_t key);

/*
 * The instant at x from origin, a time kind's key rounded to the
 * microsecond; false when it falls outside PostgreSQL's range (or x is not
 * finite).
 */
extern bool adoption_x_instant(int64_t origin, double x, int64_t *key);

/* x of an instant (a time kind's key). */
extern double adoption_instant_x(int64_t origin, int64_t key);

/*
 * A key as a point: the number itself, or epoch seconds as PostgreSQL's
 * extract(epoch FROM t)::float8 gives them (the exact quotient rounded once,
 * within 285 years of 1970; beyond, within an ulp).
 */
extern double adoption_key_point(AdoptionTimeKind kind, int64_t key);

/* x as a point (epoch seconds, or the number), and a point as x. */
extern double adoption_x_point(AdoptionTimeKind kind, int64_t origin, double x);
extern double adoption_point_x(AdoptionTimeKind kind, int64_t origin, double point);

/* Proleptic Gregorian calendar <-> days since 1970-01-01. */
extern int64_t adoption_days_from_civil(int64_t year, int month, int day);
extern void adoption_civil_from_days(int64_t days, int64_t *year, int *month, int *day);

/* a / b rounded toward minus infinity (b > 0) */
static inline int64_t
adoption_floor_div(int64_t a, int64_t b)
{
	return a / b - (a % b != 0 && a < 0);
}

#endif							/* ADOPTION_TIMEAXIS_H */
