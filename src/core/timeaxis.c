/*
 * timeaxis.c
 *	  Kinds of time, period keys, x and points.
 */
#include "timeaxis.h"

#include <math.h>
#include <string.h>

static const char *const time_kind_names[ADOPTION_TIME_KINDS] = {
	[ADOPTION_TIME_NUMBER] = "number",
	[ADOPTION_TIME_TIMESTAMPTZ] = "timestamptz",
	[ADOPTION_TIME_TIMESTAMP] = "timestamp",
	[ADOPTION_TIME_DATE] = "date",
};

const char *
adoption_time_kind_name(AdoptionTimeKind kind)
{
	return time_kind_names[kind];
}

int64_t
adoption_number_key(double number)
{
	int64_t		bits;

	if (number == 0.0)
		number = 0.0;			/* -0 is 0 */
	memcpy(&bits, &number, sizeof(bits));
	/* negative doubles order backwards: flip their magnitude bits */
	return bits < 0 ? bits ^ INT64_MAX : bits;
}

double
adoption_key_number(int64_t key)
{
	int64_t		bits = key < 0 ? key ^ INT64_MAX : key;
	double		number;

	memcpy(&number, &bits, sizeof(number));
	return number;
}

bool
adoption_key_valid(AdoptionTimeKind kind, int64_t key)
{
	switch (kind)
	{
		case ADOPTION_TIME_NUMBER:
			{
				double		n = adoption_key_number(key);

				/* -0 has a key of its own: only 0's is valid */
				return isfinite(n) && !(n == 0.0 && signbit(n));
			}
		case ADOPTION_TIME_TIMESTAMPTZ:
		case ADOPTION_TIME_TIMESTAMP:
			return key >= ADOPTION_MIN_TIMESTAMP_KEY && key < ADOPTION_END_TIMESTAMP_KEY;
		case ADOPTION_TIME_DATE:
			return key >= ADOPTION_MIN_TIMESTAMP_KEY && key < ADOPTION_END_TIMESTAMP_KEY &&
				key % ADOPTION_USECS_PER_DAY == 0;
	}
	return false;
}

double
adoption_key_x(AdoptionTimeKind kind, int64_t origin, int64_t key)
{
	if (kind == ADOPTION_TIME_NUMBER)
		return adoption_key_number(key) - adoption_key_number(origin);
	/* exact in int64 (valid keys span < 2^63), then one rounding */
	return (double) (key - origin) / (double) ADOPTION_USECS_PER_SEC;
}

bool
adoption_x_instant(int64_t origin, double x, int64_t *key)
{
	double		t = (double) origin + rint(x * (double) ADOPTION_USECS_PER_SEC);

	/* compare as doubles first: the cast to int64 must not overflow */
	if (!(t >= (double) ADOPTION_MIN_TIMESTAMP_KEY && t < (double) ADOPTION_END_TIMESTAMP_KEY))
		return false;
	*key = (int64_t) t;
	return true;
}

double
adoption_instant_x(int64_t origin, int64_t key)
{
	return ((double) key - (double) origin) / (double) ADOPTION_USECS_PER_SEC;
}

double
adoption_key_point(AdoptionTimeKind kind, int64_t key)
{
	int64_t		seconds;
	int64_t		micros;

	if (kind == ADOPTION_TIME_NUMBER)
		return adoption_key_number(key);
	seconds = adoption_floor_div(key, ADOPTION_USECS_PER_SEC) + (int64_t) ADOPTION_EPOCH_OFFSET_SECONDS;
	micros = key - adoption_floor_div(key, ADOPTION_USECS_PER_SEC) * ADOPTION_USECS_PER_SEC;
	/* microseconds since 1970 exact as a double: one rounding, in the division */
	if (seconds > -INT64_C(9000000000) && seconds < INT64_C(9000000000))
		return (double) (seconds * ADOPTION_USECS_PER_SEC + micros) / (double) ADOPTION_USECS_PER_SEC;
	return (double) seconds + (double) micros / (double) ADOPTION_USECS_PER_SEC;
}

double
adoption_x_point(AdoptionTimeKind kind, int64_t origin, double x)
{
	if (kind == ADOPTION_TIME_NUMBER)
		return adoption_key_number(origin) + x;
	return (double) origin / (double) ADOPTION_USECS_PER_SEC + ADOPTION_EPOCH_OFFSET_SECONDS + x;
}

double
adoption_point_x(AdoptionTimeKind kind, int64_t origin, double point)
{
	if (kind == ADOPTION_TIME_NUMBER)
		return point - adoption_key_number(origin);
	return point - ADOPTION_EPOCH_OFFSET_SECONDS - (double) origin / (double) ADOPTION_USECS_PER_SEC;
}

/*
 * Howard Hinnant's algorithms, valid far beyond PostgreSQL's range.
 */
int64_t
adoption_days_from_civil(int64_t y, int m, int d)
{
	int64_t		era;
	int64_t		yoe;
	int64_t		doy;
	int64_t		doe;

	y -= m <= 2;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = y - era * 400;
	doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

void
adoption_civil_from_days(int64_t z, int64_t *y, int *m, int *d)
{
	int64_t		era;
	int64_t		doe;
	int64_t		yoe;
	int64_t		doy;
	int64_t		mp;

	z += 719468;
	era = (z >= 0 ? z : z - 146096) / 146097;
	doe = z - era * 146097;
	yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	mp = (5 * doy + 2) / 153;
	*d = (int) (doy - (153 * mp + 2) / 5 + 1);
	*m = (int) (mp < 10 ? mp + 3 : mp - 9);
	*y = yoe + era * 400 + (*m <= 2);
}
