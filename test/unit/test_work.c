/*
 * test_work.c
 *	  The working form of period tables: any order of rows gives the same
 *	  canonical bytes, sums are exact, layouts widen when they must, limits
 *	  and overflows are reported, subtraction undoes addition.
 */
#include <float.h>
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "exact.h"
#include "periods.h"
#include "support.h"
#include "tap.h"
#include "work.h"

typedef struct Row
{
	int64_t		key;
	double		values[2];
	int64_t		rows[2];
} Row;

/* The canonical bytes of a table fed rows[0..n-1] in the given order. */
static AdoptionPeriods *
summarize(const Row *rows, const int *order, int n, AdoptionTimeKind kind, int nseries,
		  size_t *size, AdoptionStatus *status)
{
	AdoptionWork w;
	AdoptionPeriods *p = NULL;
	int			i;

	adoption_work_init(&w, &test_memory, kind, nseries, 1000000);
	*status = ADOPTION_OK;
	for (i = 0; i < n && *status == ADOPTION_OK; i++)
	{
		const Row  *r = &rows[order ? order[i] : i];

		*status = adoption_work_add(&w, r->key, r->values, r->rows);
	}
	if (*status == ADOPTION_OK)
		*status = adoption_work_flat_size(&w, size);
	if (*status == ADOPTION_OK)
	{
		p = calloc(1, *size);
		adoption_work_flatten(&w, p);
	}
	adoption_work_free(&w);
	return p;
}

static void
shuffle(int *order, int n)
{
	int			i;

	for (i = 0; i < n; i++)
		order[i] = i;
	for (i = n - 1; i > 0; i--)
	{
		int			j = (int) (next_random() % (uint64_t) (i + 1));
		int			t = order[i];

		order[i] = order[j];
		order[j] = t;
	}
}

/* Sorted by key: the order a table of rows in time order sees. */
static int
compare_rows(const void *a, const void *b)
{
	int64_t		x = ((const Row *) a)->key;
	int64_t		y = ((const Row *) b)->key;

	return (x > y) - (x < y);
}

static double
random_value(int style)
{
	switch (style)
	{
		case 0:
			return (double) (next_random() % 1000);	/* counts */
		case 1:
			return (double) (next_random() % 100000) / 100.0;	/* percentages */
		default:
			{
				/* adversarial: 1e15 beside 0.1, 1e-300, values straddling rounding */
				switch (next_random() % 6)
				{
					case 0:
						return 1e15;
					case 1:
						return 0.1;
					case 2:
						return 1e-300;
					case 3:
						return 1.0 + DBL_EPSILON;
					case 4:
						return ldexp(1.0, -53);
					default:
						return (double) (next_random() % 1000000) / 7.0;
				}
			}
	}
}

/* The same rows in time order, reversed and shuffled: equal canonical bytes. */
static void
test_order_independence(void)
{
	static const char *const styles[] = {"counts", "percentages", "adversarial values"};
	int			style;

	for (style = 0; style < 3; style++)
	{
		int			n = 5000;
		Row		   *rows = malloc(sizeof(Row) * n);
		int		   *order = malloc(sizeof(int) * n);
		AdoptionPeriods *ref;
		size_t		ref_size;
		AdoptionStatus status;
		bool		same = true;
		bool		exact = true;
		int			trial;
		int			i;

		for (i = 0; i < n; i++)
		{
			rows[i].key = (int64_t) (next_random() % 120) * 30 * ADOPTION_USECS_PER_DAY;
			rows[i].values[0] = random_value(style);
			rows[i].values[1] = random_value(style);
			rows[i].rows[0] = rows[i].rows[1] = 1;
		}
		qsort(rows, (size_t) n, sizeof(Row), compare_rows);
		ref = summarize(rows, NULL, n, ADOPTION_TIME_DATE, 2, &ref_size, &status);
		for (trial = 0; trial < 8 && ref != NULL; trial++)
		{
			AdoptionPeriods *p;
			size_t		size;

			shuffle(order, n);
			if (trial == 0)
				for (i = 0; i < n; i++)
					order[i] = n - 1 - i;
			p = summarize(rows, order, n, ADOPTION_TIME_DATE, 2, &size, &status);
			same &= p != NULL && size == ref_size && memcmp(p, ref, size) == 0;
			free(p);
		}
		/* every period's sum is its exact sum, correctly rounded */
		for (i = 0; ref != NULL && i < ref->nperiods; i++)
		{
			int			s;

			for (s = 0; s < 2; s++)
			{
				AdoptionExact x;
				double		c[ADOPTION_EXPANSION_MAX];
				int			j;

				adoption_exact_init(&x);
				for (j = 0; j < n; j++)
					if (rows[j].key == adoption_key(ref, i))
						adoption_exact_add(&x, rows[j].values[s]);
				exact &= adoption_exact_expansion(&x, c) >= 1 && c[0] == adoption_sum(ref, i, s);
			}
		}
		ok(ref != NULL && same && exact &&
		   adoption_periods_check(ref, ref_size, 2, false) == ADOPTION_CHECK_OK,
		   "%s: 5000 rows in time order, reversed and in 7 shuffles give the same canonical bytes, "
		   "each sum correctly rounded (version %d)", styles[style], ref ? ref->version : 0);
		free(ref);
		free(rows);
		free(order);
	}
}

/* A table of numeric time, at most max_periods, fed first and then second times sign. */
static AdoptionStatus
merge_two(AdoptionWork *w, int max_periods, const AdoptionPeriods *first, size_t first_size,
		  const AdoptionPeriods *second, size_t second_size, int sign)
{
	AdoptionStatus status;

	adoption_work_init(w, &test_memory, ADOPTION_TIME_NUMBER, 2, max_periods);
	status = adoption_work_add_summary(w, first, first_size, false, NULL, 1);
	if (status == ADOPTION_OK)
		status = adoption_work_add_summary(w, second, second_size, false, NULL, sign);
	return status;
}

/* One table fed two halves, or the halves summarized apart and merged: equal. */
static void
test_merge_and_subtract(void)
{
	int			n = 3000;
	Row		   *rows = malloc(sizeof(Row) * n);
	AdoptionPeriods *whole;
	AdoptionPeriods *first;
	AdoptionPeriods *second;
	size_t		whole_size;
	size_t		first_size;
	size_t		second_size;
	AdoptionStatus status;
	AdoptionWork w;
	AdoptionPeriods *merged;
	size_t		merged_size;
	int			i;

	for (i = 0; i < n; i++)
	{
		rows[i].key = adoption_number_key((double) (next_random() % 200));
		rows[i].values[0] = random_value(2);
		rows[i].values[1] = random_value(1);
		rows[i].rows[0] = 1;
		rows[i].rows[1] = i % 3 == 0 ? 0 : 1;
		if (rows[i].rows[1] == 0)
			rows[i].values[1] = 0.0;
	}
	whole = summarize(rows, NULL, n, ADOPTION_TIME_NUMBER, 2, &whole_size, &status);
	first = summarize(rows, NULL, n / 3, ADOPTION_TIME_NUMBER, 2, &first_size, &status);
	second = summarize(rows + n / 3, NULL, n - n / 3, ADOPTION_TIME_NUMBER, 2, &second_size, &status);

	status = merge_two(&w, 1000000, second, second_size, first, first_size, 1);
	if (status == ADOPTION_OK)
		status = adoption_work_flat_size(&w, &merged_size);
	merged = calloc(1, merged_size);
	adoption_work_flatten(&w, merged);
	adoption_work_free(&w);
	ok(status == ADOPTION_OK && merged_size == whole_size && memcmp(merged, whole, whole_size) == 0,
	   "two summaries merged, tails and all, equal the summary of all their rows");

	status = merge_two(&w, 1000000, whole, whole_size, first, first_size, -1);
	if (status == ADOPTION_OK)
		status = adoption_work_flat_size(&w, &merged_size);
	free(merged);
	merged = calloc(1, merged_size);
	adoption_work_flatten(&w, merged);
	adoption_work_free(&w);
	ok(status == ADOPTION_OK && merged_size == second_size && memcmp(merged, second, second_size) == 0,
	   "taking the first part away from the whole leaves the second part, exactly");
	free(merged);

	status = merge_two(&w, 1000000, first, first_size, whole, whole_size, -1);
	if (status == ADOPTION_OK)
		status = adoption_work_flat_size(&w, &merged_size);
	ok(status == ADOPTION_NOT_CONTAINED, "taking the whole away from a part is refused: not contained");
	adoption_work_free(&w);

	status = merge_two(&w, 1000000, whole, whole_size, whole, whole_size, -1);
	if (status == ADOPTION_OK)
		status = adoption_work_flat_size(&w, &merged_size);
	ok(status == ADOPTION_OK && w.flat_periods == 0, "the whole minus itself is empty");
	adoption_work_free(&w);

	free(rows);
	free(whole);
	free(first);
	free(second);
}

/*
 * A table fed summaries of parts of the rows, as a combine step is fed
 * partial states: rows[i] is in part part[i] of nparts, and the parts come
 * in the given order.  Rows of part -1 come first, one by one as they are
 * (in no order, they leave the table an unsorted tail).
 */
static AdoptionPeriods *
summarize_parts(const Row *rows, const int *part, int n, int nparts, const int *order,
				AdoptionTimeKind kind, int max_periods, size_t *size, AdoptionStatus *status)
{
	AdoptionWork w;
	AdoptionPeriods *p = NULL;
	Row		   *in_part = malloc(sizeof(Row) * n);
	int			k;
	int			i;

	adoption_work_init(&w, &test_memory, kind, 2, max_periods);
	*status = ADOPTION_OK;
	for (i = 0; i < n && *status == ADOPTION_OK; i++)
		if (part[i] < 0)
			*status = adoption_work_add(&w, rows[i].key, rows[i].values, rows[i].rows);
	for (k = 0; k < nparts && *status == ADOPTION_OK; k++)
	{
		AdoptionPeriods *q;
		size_t		q_size;
		int			m = 0;

		for (i = 0; i < n; i++)
			if (part[i] == order[k])
				in_part[m++] = rows[i];
		q = summarize(in_part, NULL, m, kind, 2, &q_size, status);
		if (q != NULL)
			*status = adoption_work_add_summary(&w, q, q_size, false, NULL, 1);
		free(q);
	}
	if (*status == ADOPTION_OK)
		*status = adoption_work_flat_size(&w, size);
	if (*status == ADOPTION_OK)
	{
		p = calloc(1, *size);
		adoption_work_flatten(&w, p);
	}
	adoption_work_free(&w);
	free(in_part);
	return p;
}

/*
 * Summaries of parts merged into a table equal the summary of all their
 * rows, byte for byte, and fail where it fails: parts of interleaved
 * periods (partial states of parallel workers) or of periods of their own,
 * added to a table with or without an unsorted tail, whose merged counts
 * outgrow the narrow layout or whose keys it cannot hold, with rounding
 * errors, overflowing sums, and more periods than allowed.
 */
static void
test_merge_parts(void)
{
	static const char *const cases[] = {
		"3 parts of interleaved runs of periods (parallel workers' partial states)",
		"7 parts, each period's rows spread over all of them",
		"parts of periods of their own, in no order",
		"parts into a table that already has an unsorted tail",
		"parts whose merged counts outgrow the narrow layout",
		"a part with a time off midnight, which the narrow layout cannot hold",
		"parts of adversarial values (tails)",
		"parts whose sums overflow together",
		"parts of more periods together than allowed"
	};
	int			c;

	for (c = 0; c < (int) (sizeof(cases) / sizeof(cases[0])); c++)
	{
		int			n = 4000;
		int			nparts = c == 1 ? 7 : 3;
		int			max_periods = c == 8 ? 150 : 1000000;
		Row		   *rows = malloc(sizeof(Row) * n);
		int		   *part = malloc(sizeof(int) * n);
		int			order[7];
		AdoptionPeriods *whole;
		AdoptionPeriods *merged;
		size_t		whole_size = 0;
		size_t		merged_size = 0;
		AdoptionStatus whole_status;
		AdoptionStatus merged_status;
		int			i;

		for (i = 0; i < n; i++)
		{
			rows[i].key = (int64_t) (next_random() % 200) * ADOPTION_USECS_PER_DAY;
			rows[i].values[0] = random_value(c == 6 ? 2 : 0);
			rows[i].values[1] = random_value(c == 6 ? 2 : 1);
			rows[i].rows[0] = rows[i].rows[1] = c == 4 ? 100 : 1;
		}
		qsort(rows, (size_t) n, sizeof(Row), compare_rows);
		for (i = 0; i < n; i++)
		{
			int			period = (int) (rows[i].key / ADOPTION_USECS_PER_DAY);

			part[i] = c == 0 ? (period / 5) % 3 : c == 2 ? (period * 7) % 3 : (int) (next_random() % nparts);
			if (c == 3 && i % 9 == 0)
				part[i] = -1;
			if (c == 7 && period == 50)
				rows[i].values[0] = DBL_MAX / 3;
		}
		if (c == 5)
			rows[n / 2].key += 1;	/* still in order: the next period is a day on */
		shuffle(order, nparts);
		whole = summarize(rows, NULL, n, ADOPTION_TIME_DATE, 2, &whole_size, &whole_status);
		if (c == 8)
		{
			/* the row path with the same limit */
			AdoptionWork w;

			adoption_work_init(&w, &test_memory, ADOPTION_TIME_DATE, 2, max_periods);
			whole_status = ADOPTION_OK;
			for (i = 0; i < n && whole_status == ADOPTION_OK; i++)
				whole_status = adoption_work_add(&w, rows[i].key, rows[i].values, rows[i].rows);
			adoption_work_free(&w);
		}
		merged = summarize_parts(rows, part, n, nparts, order, ADOPTION_TIME_DATE, max_periods,
								 &merged_size, &merged_status);
		ok(merged_status == whole_status &&
		   (whole_status != ADOPTION_OK ||
			(merged != NULL && merged_size == whole_size && memcmp(merged, whole, whole_size) == 0)),
		   "%s: the same %s as all the rows", cases[c],
		   whole_status == ADOPTION_OK ? "bytes" : "failure");
		free(whole);
		free(merged);
		free(rows);
		free(part);
	}
}

/* An allocator that counts its blocks. */
static int	test_allocations;

static void *
counting_alloc(void *arg, size_t size)
{
	test_allocations++;
	return test_alloc(arg, size);
}

static const AdoptionMemory counting_memory = {counting_alloc, test_free, NULL};

/* The summary of one row per period, a at key i * step + offset for i < n. */
static AdoptionPeriods *
periods_of(int n, int step, int offset, int64_t count, double value, size_t *size)
{
	Row		   *rows = malloc(sizeof(Row) * (n > 0 ? n : 1));
	AdoptionStatus status;
	AdoptionPeriods *p;
	int			i;

	for (i = 0; i < n; i++)
	{
		rows[i].key = adoption_number_key((double) (i * step + offset));
		rows[i].values[0] = value;
		rows[i].values[1] = 1.0;
		rows[i].rows[0] = count;
		rows[i].rows[1] = 1;
	}
	p = summarize(rows, NULL, n, ADOPTION_TIME_NUMBER, 2, size, &status);
	free(rows);
	return p;
}

/* second's periods 3 and 4 given keys key3 and key4, merged after first, and settled */
static AdoptionStatus
merge_keyed(AdoptionWork *w, const AdoptionPeriods *first, size_t first_size,
			AdoptionPeriods *second, size_t second_size, double key3, double key4)
{
	AdoptionStatus status;

	adoption_set_key(second, 3, adoption_number_key(key3));
	adoption_set_key(second, 4, adoption_number_key(key4));
	status = merge_two(w, 1000, first, first_size, second, second_size, 1);
	if (status == ADOPTION_OK)
		status = adoption_work_settle(w);
	return status;
}

/* The merge of summaries at its edges: room, boundaries, and what sends it the long way. */
static void
test_merge_edges(void)
{
	AdoptionWork w;
	AdoptionPeriods *evens;
	AdoptionPeriods *odds;
	AdoptionPeriods *p;
	size_t		evens_size;
	size_t		odds_size;
	size_t		size;
	AdoptionStatus status;
	int			i;

	/* 100 periods in order leave room for 128: 20 more, interleaved, take no new block */
	evens = periods_of(100, 2, 0, 1, 1.0, &evens_size);
	odds = periods_of(20, 2, 1, 1, 1.0, &odds_size);
	adoption_work_init(&w, &counting_memory, ADOPTION_TIME_NUMBER, 2, 1000);
	status = adoption_work_add_summary(&w, evens, evens_size, false, NULL, 1);
	test_allocations = 0;
	if (status == ADOPTION_OK)
		status = adoption_work_add_summary(&w, odds, odds_size, false, NULL, 1);
	ok(status == ADOPTION_OK && w.capacity == 128 && test_allocations == 0 && w.nperiods == 120 &&
	   w.nsorted == 120 && adoption_work_find(&w, adoption_number_key(39.0)) == 39 &&
	   adoption_work_find(&w, adoption_number_key(40.0)) == 40,
	   "20 periods merged among 100 in a table with room: in place, sorted, no new block");
	adoption_work_free(&w);

	/* a table of one period merged with ten new ones: its period moves to the grown block */
	{
		size_t		one_size;
		size_t		ten_size;
		AdoptionPeriods *one = periods_of(1, 1, 100, 3, 7.0, &one_size);
		AdoptionPeriods *ten = periods_of(10, 1, 0, 1, 1.0, &ten_size);

		status = merge_two(&w, 1000, one, one_size, ten, ten_size, 1);
		ok(status == ADOPTION_OK && w.nperiods == 11 && w.capacity >= 11 &&
		   adoption_work_key(&w, 10) == adoption_number_key(100.0) &&
		   ((const double *) adoption_work_entry(&w, 10))[0] == 7.0 &&
		   ((const double *) adoption_work_entry(&w, 9))[0] == 1.0,
		   "one period merged with ten before it: the one keeps its sum in the grown block");
		adoption_work_free(&w);
		free(one);
		free(ten);
	}

	/* exactly max_periods together is allowed; one more is refused, naming it */
	for (i = 0; i < 2; i++)
	{
		status = merge_two(&w, 120 - i, evens, evens_size, odds, odds_size, 1);
		if (i == 0)
			ok(status == ADOPTION_OK && w.nperiods == 120 && w.capacity == 120,
			   "100 and 20 periods merged into a table of at most 120: full, not over");
		else
			ok(status == ADOPTION_TOO_MANY_PERIODS, "and into one of at most 119: too many periods");
		adoption_work_free(&w);
	}
	free(odds);

	/* counts that merge to exactly 65535 stay narrow; to 65536, wide */
	for (i = 0; i < 2; i++)
	{
		AdoptionPeriods *more = periods_of(1, 1, 10, 65535 - 60000 + i, 1.0, &odds_size);

		free(evens);
		evens = periods_of(100, 1, 0, 60000, 1.0, &evens_size);
		status = merge_two(&w, 1000, evens, evens_size, more, odds_size, 1);
		if (status == ADOPTION_OK)
			status = adoption_work_flat_size(&w, &size);
		p = status == ADOPTION_OK ? calloc(1, size) : NULL;
		if (p != NULL)
			adoption_work_flatten(&w, p);
		ok(p != NULL && (bool) w.wide == (i == 1) && adoption_rows(p, 10, 0) == 65535 + i &&
		   adoption_rows(p, 11, 0) == 60000,
		   "a summary merged to %d counts in a period: %s", 65535 + i, i ? "wide" : "narrow");
		free(p);
		free(more);
		adoption_work_free(&w);
	}

	/* a head that overflows is reported by the merge that overflows it */
	free(evens);
	evens = periods_of(3, 1, 0, 1, DBL_MAX / 1.5, &evens_size);
	status = merge_two(&w, 1000, evens, evens_size, evens, evens_size, 1);
	ok(status == ADOPTION_SUM_OVERFLOW && w.failed_key == adoption_number_key(0.0) && w.failed_series == 0,
	   "two summaries of DBL_MAX / 1.5 in one period: a sum overflow at their merge, naming the period");
	adoption_work_free(&w);
	free(evens);

	/* periods out of order (no reader lets such a summary in) go the long way, and still merge right */
	evens = periods_of(10, 2, 0, 1, 1.0, &evens_size);
	odds = periods_of(10, 1, 0, 2, 3.0, &odds_size);
	status = merge_keyed(&w, evens, evens_size, odds, odds_size, 4.0, 3.0);
	ok(status == ADOPTION_OK && w.nperiods == 15 && adoption_work_key(&w, 3) == adoption_number_key(3.0) &&
	   adoption_work_key(&w, 4) == adoption_number_key(4.0) &&
	   adoption_work_find(&w, adoption_number_key(4.0)) == 4 &&
	   ((const double *) adoption_work_entry(&w, 4))[0] == 4.0,
	   "a summary with two periods swapped: each period's sum in its place");
	adoption_work_free(&w);

	/* or with one period twice */
	status = merge_keyed(&w, evens, evens_size, odds, odds_size, 3.0, 3.0);
	ok(status == ADOPTION_OK && w.nperiods == 15 && adoption_work_key(&w, 3) == adoption_number_key(3.0) &&
	   adoption_work_key(&w, 4) == adoption_number_key(4.0) &&
	   ((const double *) adoption_work_entry(&w, 3))[0] == 6.0,
	   "a summary with one period twice: both added to it");
	adoption_work_free(&w);
	free(evens);
	free(odds);
}

/*
 * Periods 100 to 199 in order, then a tail of 10 new periods from -20 (the
 * first period's bit in the lookup filter its own), settled.
 */
static void
add_sorted_then_new(AdoptionWork *w, const double *v, const int64_t *rows)
{
	int			i;

	for (i = 100; i < 200; i++)
		adoption_work_add(w, adoption_number_key((double) i), v, rows);
	for (i = 0; i < 10; i++)
		adoption_work_add(w, adoption_number_key((double) (i - 20)), v, rows);
	adoption_work_settle(w);
}

/* Keys and counts the narrow layout cannot hold move the table to the wide one. */
static void
test_layouts(void)
{
	AdoptionWork w;
	double		v[2] = {1.0, 2.0};
	int64_t		r[2] = {1, 1};
	size_t		size;
	AdoptionPeriods *p;
	int			i;

	adoption_work_init(&w, &test_memory, ADOPTION_TIME_DATE, 2, 1000);
	for (i = 0; i < 100; i++)
		adoption_work_add(&w, (int64_t) i * ADOPTION_USECS_PER_DAY, v, r);
	ok(!w.wide && w.entry_size == 24, "a rivalry of dates is narrow: 24 bytes a period");
	for (i = 0; i < 70000; i++)
		adoption_work_add(&w, 5 * ADOPTION_USECS_PER_DAY, v, r);
	ok(w.wide && adoption_work_flat_size(&w, &size) == ADOPTION_OK, "70001 rows in one period: wide");
	p = calloc(1, size);
	adoption_work_flatten(&w, p);
	ok(p->nperiods == 100 && adoption_rows(p, 5, 0) == 70001 && adoption_sum(p, 5, 1) == 140002.0 &&
	   adoption_rows(p, 6, 0) == 1,
	   "and every count and sum survives the move");
	free(p);
	adoption_work_free(&w);

	adoption_work_init(&w, &test_memory, ADOPTION_TIME_TIMESTAMPTZ, 1, 1000);
	adoption_work_add(&w, 0, v, r);
	adoption_work_add(&w, ADOPTION_USECS_PER_DAY + 1, v, r);
	ok(w.wide, "a timestamp off midnight: wide");
	adoption_work_free(&w);

	/*
	 * rows in no order that merge into a period up to exactly the narrow
	 * layout's 65535 counts, on either side of a rivalry: still narrow; one
	 * more: wide
	 */
	for (i = 0; i < 4; i++)
	{
		int			side = i / 2;
		int			more = i % 2;
		int64_t		counts[2] = {1, 1};

		adoption_work_init(&w, &test_memory, ADOPTION_TIME_NUMBER, 2, 1000);
		add_sorted_then_new(&w, v, counts);
		counts[side] = 32767;
		counts[1 - side] = 0;
		adoption_work_add(&w, adoption_number_key(150.0), v, counts);
		counts[side] = 32767 + more;
		adoption_work_add(&w, adoption_number_key(150.0), v, counts);
		ok(!w.probe && adoption_work_settle(&w) == ADOPTION_OK && w.wide == (more == 1),
		   "%s merged to %d counts: %s", side == 0 ? "a" : "b", 65535 + more, more ? "wide" : "narrow");
		adoption_work_free(&w);
	}

	/* a first row the narrow layout cannot hold takes the slow path, and is the first key */
	adoption_work_init(&w, &test_memory, ADOPTION_TIME_NUMBER, 1, 1000);
	r[0] = 100000;
	adoption_work_add(&w, adoption_number_key(7.0), v, r);
	r[0] = 1;
	adoption_work_add(&w, adoption_number_key(8.0), v, r);
	ok(w.wide && w.first_key == adoption_number_key(7.0) && adoption_work_find(&w, adoption_number_key(7.0)) == 0,
	   "a first row of 100 000 counts: wide, and its period is the first, found where it is");
	adoption_work_free(&w);

	adoption_work_init(&w, &test_memory, ADOPTION_TIME_NUMBER, 1, 1000);
	adoption_work_add(&w, adoption_number_key(2019.0), v, r);
	ok(!w.wide && w.entry_size == 16, "a trend over integer years is narrow: 16 bytes a period");
	adoption_work_add(&w, adoption_number_key(2019.5), v, r);
	ok(w.wide, "a fractional year: wide");
	adoption_work_free(&w);
}

static void
test_limits(void)
{
	AdoptionWork w;
	double		v[2] = {DBL_MAX, 1.0};
	int64_t		r[2] = {1, 1};
	size_t		size;
	AdoptionStatus status;
	int			i;

	adoption_work_init(&w, &test_memory, ADOPTION_TIME_NUMBER, 2, 1000);
	status = adoption_work_add(&w, adoption_number_key(1.0), v, r);
	if (status == ADOPTION_OK)
		status = adoption_work_add(&w, adoption_number_key(1.0), v, r);
	if (status == ADOPTION_OK)
		status = adoption_work_flat_size(&w, &size);
	ok(status == ADOPTION_SUM_OVERFLOW && w.failed_key == adoption_number_key(1.0) && w.failed_series == 0,
	   "DBL_MAX + DBL_MAX in one period: a sum overflow, naming the period and series");
	adoption_work_free(&w);

	adoption_work_init(&w, &test_memory, ADOPTION_TIME_NUMBER, 2, 1000);
	r[0] = INT64_MAX / 2 + 1;
	v[0] = 1.0;
	status = adoption_work_add(&w, adoption_number_key(1.0), v, r);
	if (status == ADOPTION_OK)
		status = adoption_work_add(&w, adoption_number_key(1.0), v, r);
	ok(status == ADOPTION_ROWS_OVERFLOW, "row counts beyond bigint: a rows overflow");
	adoption_work_free(&w);

	adoption_work_init(&w, &test_memory, ADOPTION_TIME_NUMBER, 2, 1000);
	r[0] = INT64_MAX / 2 + 1;
	r[1] = INT64_MAX / 2 + 1;
	status = adoption_work_add(&w, adoption_number_key(1.0), v, r);
	if (status == ADOPTION_OK)
		status = adoption_work_flat_size(&w, &size);
	ok(status == ADOPTION_ROWS_OVERFLOW,
	   "a period whose series' counts together pass bigint: refused, as its input would be");
	adoption_work_free(&w);

	adoption_work_init(&w, &test_memory, ADOPTION_TIME_NUMBER, 1, 100);
	r[0] = 1;
	v[0] = 1.0;
	status = ADOPTION_OK;
	for (i = 0; i < 100 && status == ADOPTION_OK; i++)
		status = adoption_work_add(&w, adoption_number_key((double) ((i * 37) % 100)), v, r);
	ok(status == ADOPTION_OK, "100 periods in no order fit a table of at most 100");
	for (i = 0; i < 100 && status == ADOPTION_OK; i++)
		status = adoption_work_add(&w, adoption_number_key((double) i), v, r);
	ok(status == ADOPTION_OK, "and so do the same 100 again");
	status = adoption_work_add(&w, adoption_number_key(100.0), v, r);
	if (status == ADOPTION_OK)
		status = adoption_work_flat_size(&w, &size);
	ok(status == ADOPTION_TOO_MANY_PERIODS, "the 101st period is one too many");
	adoption_work_free(&w);

	adoption_work_init(&w, &test_memory, ADOPTION_TIME_NUMBER, 1, 100);
	for (i = 0; i < 100; i++)
		status = adoption_work_add(&w, adoption_number_key((double) i), v, r);
	status = adoption_work_add(&w, adoption_number_key(100.0), v, r);
	ok(status == ADOPTION_TOO_MANY_PERIODS && w.failed_key == adoption_number_key(100.0),
	   "in time order, the 101st period is refused as it arrives");
	adoption_work_free(&w);
}

/* Lookups in the sorted part agree with a linear scan. */
static void
test_lookups(void)
{
	bool		agree = true;
	int			shape;

	for (shape = 0; shape < 4; shape++)
	{
		int			size;

		for (size = 1; size <= 300; size += (size < 20 ? 1 : 37))
		{
			AdoptionWork w;
			double		v[2] = {1.0, 0.0};
			int64_t		r[2] = {1, 0};
			int64_t		key = 0;
			int64_t		probe;
			int			i;

			adoption_work_init(&w, &test_memory, ADOPTION_TIME_TIMESTAMPTZ, 1, 100000);
			for (i = 0; i < size; i++)
			{
				uint64_t	u = next_random();

				switch (shape)
				{
					case 0:		/* evenly spaced days: narrow */
						key += ADOPTION_USECS_PER_DAY;
						break;
					case 1:		/* days with gaps: narrow */
						key += ADOPTION_USECS_PER_DAY * (int64_t) (1 + u % 3);
						break;
					case 2:		/* clusters: wide */
						key += u % 10 == 0 ? 1000000 : (int64_t) (1 + u % 5);
						break;
					default:	/* steeper and steeper: wide */
						key += (int64_t) i * i * i + 1;
						break;
				}
				adoption_work_add(&w, key, v, r);
			}
			for (probe = w.first_key - 2; probe <= key + 2; probe += 1 + (key - w.first_key) / 5000)
			{
				int			expected = -1;
				int			j;

				for (j = 0; j < w.nsorted; j++)
					if (adoption_work_key(&w, j) == probe)
						expected = j;
				agree &= adoption_work_find(&w, probe) == expected;
			}
			for (i = 0; i < size; i++)
				agree &= adoption_work_find(&w, adoption_work_key(&w, i)) == i;
			adoption_work_free(&w);
		}
	}
	ok(agree, "lookups agree with a linear scan on even, gapped, clustered and steep periods");
}

/*
 * The log of rounding errors: about one entry per sum, joined through the
 * map whatever the order of rows; folded when, and only when, it outgrows
 * the table (64 + 2 entries a sum), so that its memory stays bounded and
 * folding stays rare.
 */
static void
test_log(void)
{
	AdoptionWork w;
	const double big = 9007199254740992.0;	/* 2^53: adding 1 rounds */
	double		v[2] = {big, big};
	int64_t		r[2] = {1, 1};
	int			order[200];
	int			round;
	int			i;
	int			most = 0;
	bool		exact = true;
	size_t		size;
	AdoptionPeriods *p;

	adoption_work_init(&w, &test_memory, ADOPTION_TIME_NUMBER, 2, 100000);
	for (i = 0; i < 200; i++)
		adoption_work_add(&w, adoption_number_key((double) i), v, r);
	v[0] = v[1] = 1.0;
	for (round = 0; round < 10; round++)
	{
		shuffle(order, 200);
		for (i = 0; i < 200; i++)
			adoption_work_add(&w, adoption_number_key((double) order[i]), v, r);
	}
	ok(w.nlog == 400 && w.log_settled == 0,
	   "rows in no order: one log entry a sum (400), each joined through the map");
	/* errors of 2^-60 cannot join the integers: a second entry a sum, the newest */
	v[0] = v[1] = ldexp(1.0, -60);
	for (round = 0; round < 5; round++)
	{
		shuffle(order, 200);
		for (i = 0; i < 200; i++)
			adoption_work_add(&w, adoption_number_key((double) order[i]), v, r);
	}
	ok(w.nlog == 800 && w.log_settled == 0,
	   "errors that cannot join a sum's entry start its newest, which the next ones join");
	if (adoption_work_flat_size(&w, &size) == ADOPTION_OK)
	{
		p = calloc(1, size);
		adoption_work_flatten(&w, p);
		for (i = 0; i < 200; i++)
			exact &= adoption_rows(p, i, 0) == 16 && adoption_rows(p, i, 1) == 16;
		free(p);
	}
	else
		exact = false;
	ok(exact, "and every period's rows are counted");
	adoption_work_free(&w);

	/* rows in time order, a small log (no map): errors join the last entries */
	for (round = 1; round <= 2; round++)
	{
		int			k;

		adoption_work_init(&w, &test_memory, ADOPTION_TIME_NUMBER, round, 100000);
		for (i = 0; i < 10; i++)
		{
			v[0] = v[1] = big;
			adoption_work_add(&w, adoption_number_key((double) i), v, r);
			v[0] = v[1] = 1.0;
			for (k = 0; k < 3; k++)
				adoption_work_add(&w, adoption_number_key((double) i), v, r);
		}
		ok(w.nlog == 10 * round && w.log_map == NULL,
		   "%d series, rows in time order: one log entry a sum (%d), joined without the map", round, 10 * round);
		adoption_work_free(&w);
	}

	/*
	 * errors that never join: 1 and 2^-60 in turn, into one of ten periods
	 * of a rivalry; the greatest growth past the last settling, over cycles
	 * after the first
	 */
	adoption_work_init(&w, &test_memory, ADOPTION_TIME_NUMBER, 2, 100000);
	v[0] = v[1] = big;
	for (i = 0; i < 10; i++)
		adoption_work_add(&w, adoption_number_key((double) i), v, r);
	v[1] = 0.0;
	r[1] = 0;
	for (i = 0; i < 600; i++)
	{
		v[0] = i % 2 == 0 ? 1.0 : ldexp(1.0, -60);
		adoption_work_add(&w, adoption_number_key(9.0), v, r);
		if (i >= 300 && w.nlog - w.log_settled > most)
			most = w.nlog - w.log_settled;
	}
	ok(most == 64 + 2 * 10 * 2 && w.log_settled > 0,
	   "a log that does not join grows to 64 + 2 entries a sum past its last settling, then folds");
	adoption_work_free(&w);

	/* the same bound when summaries bring the errors: tails of 1 and 2^-60 in turn */
	{
		Row			rows[3] = {{0, {big, big}, {1, 1}}, {0, {1.0, 0.0}, {1, 0}}, {0, {1.0, 1.0}, {1, 1}}};
		AdoptionPeriods *tails[2];
		size_t		sizes[2];
		AdoptionStatus status;

		/* two periods, the first with a tail */
		rows[0].key = rows[1].key = adoption_number_key(1.0);
		rows[2].key = adoption_number_key(2.0);
		tails[0] = summarize(rows, NULL, 3, ADOPTION_TIME_NUMBER, 2, &sizes[0], &status);
		rows[1].values[0] = ldexp(1.0, -60);
		tails[1] = summarize(rows, NULL, 3, ADOPTION_TIME_NUMBER, 2, &sizes[1], &status);
		most = 0;
		adoption_work_init(&w, &test_memory, ADOPTION_TIME_NUMBER, 2, 100000);
		for (i = 0; i < 600; i++)
		{
			adoption_work_add_summary(&w, tails[i % 2], sizes[i % 2], false, NULL, 1);
			if (i >= 300 && w.nlog - w.log_settled > most)
				most = w.nlog - w.log_settled;
		}
		ok(most == 64 + 2 * 2 * 2 && w.log_settled > 0,
		   "summaries whose tails do not join: the same, 64 + 2 entries a sum");
		adoption_work_free(&w);
		free(tails[0]);
		free(tails[1]);
	}
}

/*
 * Compaction turns lookups on when a quarter of the tail merged into
 * periods already there, and leaves them off below that.
 */
static void
test_probe(void)
{
	int			merged;

	for (merged = 4; merged <= 5; merged++)
	{
		AdoptionWork w;
		double		v[2] = {1.0, 0.0};
		int64_t		r[2] = {1, 0};
		int			i;

		adoption_work_init(&w, &test_memory, ADOPTION_TIME_NUMBER, 1, 100000);
		/* a tail of new periods only: lookups go off */
		add_sorted_then_new(&w, v, r);
		/* a tail of 20: merged periods already there, the rest new */
		for (i = 0; i < 20; i++)
			adoption_work_add(&w, adoption_number_key((double) (i < merged ? 150 + i : 10 + i)), v, r);
		ok(w.nperiods == 130 && w.nsorted == 110 && !w.probe &&
		   adoption_work_settle(&w) == ADOPTION_OK && w.nperiods == 130 - merged &&
		   w.probe == (merged == 5),
		   "a tail of 20 of which %d merged: lookups %s", merged, merged == 5 ? "on" : "off");
		if (merged == 5)
		{
			/* then a row of any period there, the first included, adds in place */
			bool		in_place = true;
			int			n = w.nperiods;

			for (i = n - 1; i >= 0; i--)
			{
				adoption_work_add(&w, adoption_work_key(&w, i), v, r);
				in_place &= w.nperiods == n;
			}
			ok(in_place, "and with lookups on, a row of each period there adds in place");
		}
		adoption_work_free(&w);
	}
}

/* A market: label tables flattened into one summary with a series per label. */
static void
test_market(void)
{
	AdoptionWork a;
	AdoptionWork b;
	AdoptionWork *works[2] = {&a, &b};
	AdoptionMarketPlan plan;
	AdoptionLabel labels[2] = {{"java", 4}, {"python", 6}};
	double		v[2] = {0.0, 0.0};
	int64_t		r[2] = {1, 0};
	size_t		size;
	AdoptionPeriods *m;

	adoption_work_init(&a, &test_memory, ADOPTION_TIME_DATE, 1, 1000);
	adoption_work_init(&b, &test_memory, ADOPTION_TIME_DATE, 1, 1000);
	v[0] = 0.1;
	adoption_work_add(&a, 0, v, r);
	v[0] = 0.2;
	adoption_work_add(&a, 0, v, r);
	v[0] = 5.0;
	adoption_work_add(&b, ADOPTION_USECS_PER_DAY, v, r);
	adoption_work_flat_size(&a, &size);
	adoption_work_flat_size(&b, &size);
	adoption_market_plan(works, 2, adoption_labels_size(labels, 2), &test_memory, &plan);
	m = calloc(1, plan.size);
	adoption_market_flatten(works, 2, &plan, m);
	adoption_labels_store(adoption_labels_at(m), labels, 2);
	ok(m->nperiods == 2 && m->nseries == 2 && adoption_sum(m, 0, 0) == 0.30000000000000004 &&
	   adoption_rows(m, 0, 1) == 0 && adoption_sum(m, 1, 1) == 5.0 && m->version == 2 &&
	   adoption_tails_count(m, plan.size, true) == 1 &&
	   adoption_periods_check(m, plan.size, 0, true) == ADOPTION_CHECK_OK,
	   "two label tables make a market of the union of their periods, the exact tail kept");
	free(m);
	free(plan.keys);
	adoption_work_free(&a);
	adoption_work_free(&b);
}

int
main(void)
{
	test_order_independence();
	test_merge_and_subtract();
	test_merge_parts();
	test_merge_edges();
	test_layouts();
	test_limits();
	test_lookups();
	test_log();
	test_probe();
	test_market();
	return done_testing();
}
