/*
 * period.c
 *	  The period table: add, compact, copy, merge, subtract, check.
 */
#include "period.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* PostgreSQL's TimestampTz range: 4714-11-24 BC to 294277-01-01 AD, exclusive */
#define MIN_TIMESTAMP_KEY INT64_C(-211813488000000000)
#define END_TIMESTAMP_KEY INT64_C(9223371331200000000)
#define USECS_PER_DAY INT64_C(86400000000)

/* A tail shorter than this is never worth sorting on its own. */
#define MIN_TAIL 64

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
			return key >= MIN_TIMESTAMP_KEY && key < END_TIMESTAMP_KEY;
		case ADOPTION_TIME_DATE:
			return key >= MIN_TIMESTAMP_KEY && key < END_TIMESTAMP_KEY &&
				key % USECS_PER_DAY == 0;
	}
	return false;
}

void
adoption_periods_init(AdoptionPeriods *p, AdoptionTimeKind kind, int nseries,
					  int capacity)
{
	memset(p, 0, offsetof(AdoptionPeriods, slots));
	p->version = ADOPTION_FORMAT_VERSION;
	p->kind = (uint8_t) kind;
	p->nseries = (uint16_t) nseries;
	p->capacity = capacity;
}

static size_t
entry_bytes(const AdoptionPeriods *p)
{
	return (size_t) (1 + 2 * p->nseries) * sizeof(AdoptionSlot);
}

/*
 * Index of key among the sorted entries, or -1.  Periods are usually evenly
 * spaced (days, months, years), so a guess by interpolation, checked with its
 * neighbours, finds most keys in one probe; the rest fall to a binary search
 * without branches on the comparisons (rows in no order make those
 * unpredictable).
 */
int
adoption_periods_find_in(const AdoptionPeriods *p, int nseries, int n, int64_t first,
						 int64_t last, double scale, int64_t key)
{
	const AdoptionSlot *slots = p->slots;
	size_t		stride = (size_t) (1 + 2 * nseries);
	int			lo = 0;

	if (n == 0 || key < first || key > last)
		return -1;
	if (n > 2)
	{
		int			guess = (int) (((double) key - (double) first) * scale + 0.5);
		int64_t		k;

		guess = guess < 0 ? 0 : guess >= n ? n - 1 : guess;
		k = slots[(size_t) guess * stride].i;
		if (k == key)
			return guess;
		if (k < key && guess + 1 < n && slots[(size_t) (guess + 1) * stride].i == key)
			return guess + 1;
		if (k > key && guess > 0 && slots[(size_t) (guess - 1) * stride].i == key)
			return guess - 1;
	}
	while (n > 1)
	{
		int			half = n / 2;

		lo = slots[(size_t) (lo + half) * stride].i <= key ? lo + half : lo;
		n -= half;
	}
	return slots[(size_t) lo * stride].i == key ? lo : -1;
}

int
adoption_periods_find(AdoptionPeriods *p, int64_t key)
{
	int			n = p->nsorted;
	int64_t		first;
	int64_t		last;

	if (n == 0)
		return -1;
	first = adoption_key(p, 0);
	last = adoption_key(p, n - 1);
	if (n > 2 && p->scale_for != n)
	{
		/* once per change of the sorted part: no division per row */
		p->scale = adoption_find_scale(n, first, last);
		p->scale_for = n;
	}
	return adoption_periods_find_in(p, p->nseries, n, first, last, p->scale, key);
}

bool
adoption_periods_add_slow(AdoptionPeriods *p, int64_t key, const double *values,
						  const int64_t *rows)
{
	if (p->nperiods > 0)
	{
		/* the same period as the last row (the inline path has seen it), or an old one */
		AdoptionSlot *e = adoption_entry(p, p->nperiods - 1);
		int			i;

		if (e[0].i == key)
		{
			adoption_entry_add(e, p->nseries, values, rows);
			return true;
		}
		/* (a key past the last of a sorted table is the next period) */
		if ((p->nsorted < p->nperiods || key < e[0].i) &&
			(i = adoption_periods_find(p, key)) >= 0)
		{
			adoption_entry_add(adoption_entry(p, i), p->nseries, values, rows);
			return true;
		}
	}
	return adoption_periods_add_new(p, key, values, rows);
}

bool
adoption_periods_add_new(AdoptionPeriods *p, int64_t key, const double *values,
						 const int64_t *rows)
{
	bool		in_order = p->nperiods == 0 ||
		(p->nsorted == p->nperiods && key > adoption_key(p, p->nperiods - 1));

	/* sort the tail once it is as long as the sorted part */
	if (!in_order && p->nperiods - p->nsorted >= MIN_TAIL &&
		p->nperiods - p->nsorted >= p->nsorted)
	{
		adoption_periods_compact(p);
		return adoption_periods_add_slow(p, key, values, rows);
	}
	if (p->nperiods == p->capacity)
		return false;

	adoption_entry_set(adoption_entry(p, p->nperiods), p->nseries, key, values, rows);
	p->nperiods++;
	if (in_order)
		p->nsorted = p->nperiods;
	return true;
}


static int
compare_keys(const void *a, const void *b)
{
	int64_t		ka = ((const AdoptionSlot *) a)[0].i;
	int64_t		kb = ((const AdoptionSlot *) b)[0].i;

	return (ka > kb) - (ka < kb);
}

void
adoption_periods_compact(AdoptionPeriods *p)
{
	size_t		bytes = entry_bytes(p);
	int			n = p->nperiods;
	int			out = 0;
	int			i;

	/* the canonical form keeps no lookup scale */
	p->scale_for = 0;
	p->scale = 0.0;
	if (p->nsorted == n)
		return;
	/* sort the tail, then merge runs of equal keys (the prefix has none) */
	qsort(adoption_entry(p, 0), (size_t) n, bytes, compare_keys);
	for (i = 0; i < n; i++)
	{
		AdoptionSlot *e = adoption_entry(p, i);

		if (out > 0 && adoption_key(p, out - 1) == e[0].i)
		{
			AdoptionSlot *dst = adoption_entry(p, out - 1);
			int			s;

			for (s = 0; s < p->nseries; s++)
			{
				dst[1 + s].d += e[1 + s].d;
				dst[1 + p->nseries + s].i += e[1 + p->nseries + s].i;
			}
		}
		else
		{
			if (out != i)
				memcpy(adoption_entry(p, out), e, bytes);
			out++;
		}
	}
	p->nperiods = out;
	p->nsorted = out;
}

void
adoption_periods_copy(AdoptionPeriods *dst, const AdoptionPeriods *src, int capacity)
{
	memcpy(dst, src, adoption_periods_size(src->nseries, src->nperiods));
	dst->capacity = capacity;
}

void
adoption_periods_merge(AdoptionPeriods *dst, const AdoptionPeriods *a,
					   const AdoptionPeriods *b)
{
	size_t		bytes = entry_bytes(a);
	int			i = 0;
	int			j = 0;
	int			n = 0;

	adoption_periods_init(dst, (AdoptionTimeKind) a->kind, a->nseries,
						  a->nperiods + b->nperiods);
	while (i < a->nperiods || j < b->nperiods)
	{
		AdoptionSlot *out = adoption_entry(dst, n);

		if (j >= b->nperiods ||
			(i < a->nperiods && adoption_key(a, i) < adoption_key(b, j)))
			memcpy(out, adoption_entry(a, i++), bytes);
		else if (i >= a->nperiods || adoption_key(b, j) < adoption_key(a, i))
			memcpy(out, adoption_entry(b, j++), bytes);
		else
		{
			AdoptionSlot *eb = adoption_entry(b, j++);
			int			s;

			memcpy(out, adoption_entry(a, i++), bytes);
			for (s = 0; s < a->nseries; s++)
			{
				out[1 + s].d += eb[1 + s].d;
				out[1 + a->nseries + s].i += eb[1 + a->nseries + s].i;
			}
		}
		n++;
	}
	dst->nperiods = n;
	dst->nsorted = n;
	dst->capacity = n;
}

bool
adoption_periods_subtract(AdoptionPeriods *a, const AdoptionPeriods *b)
{
	size_t		bytes = entry_bytes(a);
	int			i = 0;
	int			j;
	int			out = 0;
	int			k = a->nseries;

	/* first pass: every period of b is in a with at least as many rows */
	for (j = 0; j < b->nperiods; j++)
	{
		int			s;

		while (i < a->nperiods && adoption_key(a, i) < adoption_key(b, j))
			i++;
		if (i >= a->nperiods || adoption_key(a, i) != adoption_key(b, j))
			return false;
		for (s = 0; s < k; s++)
			if (adoption_rows(a, i, s) < adoption_rows(b, j, s))
				return false;
	}
	/* second pass: subtract, dropping periods left without rows */
	j = 0;
	for (i = 0; i < a->nperiods; i++)
	{
		AdoptionSlot *e = adoption_entry(a, i);
		int64_t		left = 0;
		int			s;

		if (j < b->nperiods && adoption_key(b, j) == e[0].i)
		{
			const AdoptionSlot *eb = adoption_entry(b, j++);

			for (s = 0; s < k; s++)
			{
				e[1 + k + s].i -= eb[1 + k + s].i;
				/* a series without rows sums to exactly zero */
				e[1 + s].d = e[1 + k + s].i == 0 ? 0.0 : e[1 + s].d - eb[1 + s].d;
				if (e[1 + s].d < 0.0)
					e[1 + s].d = 0.0;
			}
		}
		for (s = 0; s < k; s++)
			left += e[1 + k + s].i;
		if (left == 0)
			continue;
		if (out != i)
			memmove(adoption_entry(a, out), e, bytes);
		out++;
	}
	a->nperiods = out;
	a->nsorted = out;
	return true;
}

void
adoption_periods_remap(AdoptionPeriods *dst, const AdoptionPeriods *src,
					   const int *map, int new_nseries, int capacity)
{
	int			k = src->nseries;
	int			i;
	int			s;

	adoption_periods_init(dst, (AdoptionTimeKind) src->kind, new_nseries, capacity);
	for (i = 0; i < src->nperiods; i++)
	{
		const AdoptionSlot *from = adoption_entry(src, i);
		AdoptionSlot *to = adoption_entry(dst, i);

		memset(to, 0, (size_t) (1 + 2 * new_nseries) * sizeof(AdoptionSlot));
		to[0].i = from[0].i;
		for (s = 0; s < k; s++)
		{
			if (map[s] < 0)
				continue;
			to[1 + map[s]].d = from[1 + s].d;
			to[1 + new_nseries + map[s]].i = from[1 + k + s].i;
		}
	}
	dst->nperiods = src->nperiods;
	dst->nsorted = src->nsorted;
}

void
adoption_periods_drop_empty(AdoptionPeriods *p)
{
	size_t		bytes = entry_bytes(p);
	int			out = 0;
	int			i;
	int			s;

	for (i = 0; i < p->nperiods; i++)
	{
		int64_t		rows = 0;

		for (s = 0; s < p->nseries; s++)
			rows += adoption_rows(p, i, s);
		if (rows == 0)
			continue;
		if (out != i)
			memmove(adoption_entry(p, out), adoption_entry(p, i), bytes);
		out++;
	}
	p->nperiods = out;
	p->nsorted = out;
}

AdoptionCheck
adoption_periods_check(const AdoptionPeriods *p, int nseries)
{
	int			i;

	if (p->version != ADOPTION_FORMAT_VERSION || p->scale_for != 0 ||
		p->scale != 0.0 || signbit(p->scale))
		return ADOPTION_CHECK_VERSION;
	if (p->kind >= ADOPTION_TIME_KINDS)
		return ADOPTION_CHECK_KIND;
	if (p->nseries != nseries)
		return ADOPTION_CHECK_SERIES;
	if (p->nperiods < 0 || p->nsorted != p->nperiods || p->capacity != p->nperiods)
		return ADOPTION_CHECK_COUNT;
	for (i = 0; i < p->nperiods; i++)
	{
		int64_t		total_rows = 0;
		int			s;

		if (!adoption_key_valid((AdoptionTimeKind) p->kind, adoption_key(p, i)))
			return ADOPTION_CHECK_KEY;
		if (i > 0 && adoption_key(p, i - 1) >= adoption_key(p, i))
			return ADOPTION_CHECK_ORDER;
		for (s = 0; s < nseries; s++)
		{
			double		v = adoption_sum(p, i, s);
			int64_t		r = adoption_rows(p, i, s);

			if (!isfinite(v) || v < 0.0 || (v == 0.0 && signbit(v)))
				return ADOPTION_CHECK_VALUE;
			if (r < 0 || (r == 0 && v != 0.0) || r > INT64_MAX - total_rows)
				return ADOPTION_CHECK_ROWS;
			total_rows += r;
		}
		if (total_rows == 0)
			return ADOPTION_CHECK_EMPTY_PERIOD;
	}
	return ADOPTION_CHECK_OK;
}

const char *
adoption_check_message(AdoptionCheck check)
{
	switch (check)
	{
		case ADOPTION_CHECK_OK:
			return "valid";
		case ADOPTION_CHECK_VERSION:
			return "unsupported format version or flags";
		case ADOPTION_CHECK_KIND:
			return "unknown kind of time";
		case ADOPTION_CHECK_SERIES:
			return "wrong number of series";
		case ADOPTION_CHECK_COUNT:
			return "inconsistent number of periods";
		case ADOPTION_CHECK_ORDER:
			return "periods not in strictly increasing order";
		case ADOPTION_CHECK_KEY:
			return "period out of range for its kind of time";
		case ADOPTION_CHECK_VALUE:
			return "value negative, NaN or infinite";
		case ADOPTION_CHECK_ROWS:
			return "row count negative, or zero for a non-zero value";
		case ADOPTION_CHECK_EMPTY_PERIOD:
			return "period without rows";
	}
	return "unknown problem";
}
