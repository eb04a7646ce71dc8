/*
 * test_codec.c
 *	  The text and binary forms: round trips, exact sums, the refusals, and
 *	  numbers printed exactly as 0.4.0 printed them.
 */
#include <float.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "binary.h"
#include "periods.h"
#include "support.h"
#include "tap.h"
#include "text.h"

/* 0.4.0's formatter, kept here as the reference the new one must match. */
static void
format_0_4_0(double d, char *buf)
{
	int			precision;

	for (precision = fabs(d) < DBL_MIN ? 1 : 15; precision < 17; precision++)
	{
		snprintf(buf, 32, "%.*g", precision, d);
		if (strtod(buf, NULL) == d)
			return;
	}
	snprintf(buf, 32, "%.17g", d);
}

static void
test_format_double(void)
{
	static const double known[] = {0.0, 1.0, 0.1, 0.30000000000000004, 5e-324, 1e-5, 1e15,
		1e16, 123456789012345.0, 1234567890123456.0, 71588921127046416.0, 1e300, DBL_MAX,
	DBL_MIN, 2.5, 1e-4, 0.00012345, 3.3, 166.0, 9007199254740993.0};
	char		a[ADOPTION_DOUBLE_TEXT_MAX];
	char		b[ADOPTION_DOUBLE_TEXT_MAX];
	long		bad = 0;
	long		n = 0;
	int			i;

	for (i = 0; i < (int) (sizeof(known) / sizeof(known[0])); i++)
	{
		format_0_4_0(known[i], a);
		adoption_format_double(known[i], b);
		if (strcmp(a, b) != 0)
		{
			bad++;
			diag("%.17g: 0.4.0 wrote %s, now %s", known[i], a, b);
		}
		n++;
	}
	for (i = 0; i < 2000000; i++)
	{
		uint64_t	u = next_random();
		double		d;

		switch (i % 7)
		{
			case 0:			/* any finite double */
				u &= 0x7fffffffffffffffULL;
				memcpy(&d, &u, sizeof(d));
				if (!isfinite(d))
					continue;
				break;
			case 1:			/* a decimal with a few digits */
				d = (double) (next_random() % 100000000) / pow(10, (double) (next_random() % 12));
				break;
			case 2:			/* an integer count */
				d = (double) (next_random() % (UINT64_C(1) << (next_random() % 60)));
				break;
			case 3:			/* a sum of decimals */
				d = (double) (next_random() % 100000) / 100.0 + (double) (next_random() % 100000) / 100.0;
				break;
			case 4:			/* powers of two, near and far */
				d = ldexp(1.0, (int) (next_random() % 2000) - 1000);
				break;
			case 5:			/* a uniform random number scaled, all 17 digits */
				d = (double) (next_random() >> 11) / 9007199254740992.0 * pow(10, (double) (next_random() % 20) - 5);
				break;
			default:		/* near 2^52 and 2^53, where the interval's ends are short */
				d = ldexp(1.0, 52 + (int) (next_random() % 3)) + (double) (next_random() % 1000) - 500;
				break;
		}
		format_0_4_0(d, a);
		adoption_format_double(d, b);
		if (strcmp(a, b) != 0 && bad++ < 10)
			diag("%.17g: 0.4.0 wrote %s, now %s", d, a, b);
		n++;
	}
	ok(bad == 0, "%ld doubles of every kind print exactly as 0.4.0 printed them", n);
}

static void
test_format_time(void)
{
	char		buf[ADOPTION_TIME_TEXT_MAX];

	adoption_format_time(ADOPTION_TIME_DATE, 0, buf);
	ok(strcmp(buf, "2000-01-01") == 0, "key 0 is 2000-01-01");
	adoption_format_time(ADOPTION_TIME_TIMESTAMPTZ, INT64_C(636335999999999), buf);
	ok(strcmp(buf, "2020-02-29 23:59:59.999999+00") == 0, "microseconds, and +00 for timestamptz");
	adoption_format_time(ADOPTION_TIME_TIMESTAMP, INT64_C(-211813488000000000), buf);
	ok(strcmp(buf, "-4713-11-24 00:00:00") == 0, "4714 BC is the astronomical year -4713");
	adoption_format_time(ADOPTION_TIME_DATE, INT64_C(9223371244800000000), buf);
	ok(strcmp(buf, "294276-12-31") == 0, "the last date PostgreSQL has: 294276-12-31");
}

/* Read a text; NULL when it does not parse and check out. */
/* A rivalry of one period whose first sum, 0.1 + 0.2, has a tail. */
#define ONE_TAIL \
	"{\"version\":2,\"time\":\"number\",\"periods\":[[1,[0.30000000000000004,-2.7755575615628914e-17],2,2,2]]}"

static AdoptionPeriods *
read_text(const char *text, int nseries, bool labelled, size_t *size, const char **problem)
{
	AdoptionTextRead r;
	AdoptionCheck check;

	adoption_text_read(text, nseries, labelled, 100000, 1000, &test_memory, &r);
	*problem = r.problem;
	if (r.problem != NULL)
		return NULL;
	check = adoption_periods_check(r.summary, r.size, nseries, labelled);
	if (check != ADOPTION_CHECK_OK)
	{
		*problem = adoption_check_message(check);
		free(r.summary);
		return NULL;
	}
	*size = r.size;
	return r.summary;
}

/* text -> summary -> text is the identity, and binary -> summary -> binary too */
static bool
round_trips(const char *text, int nseries, bool labelled)
{
	const char *problem;
	size_t		size;
	AdoptionPeriods *p = read_text(text, nseries, labelled, &size, &problem);
	char	   *out;
	unsigned char *bin;
	AdoptionBinaryRead br;
	bool		same;

	if (p == NULL)
	{
		diag("%s: %s", text, problem);
		return false;
	}
	out = malloc(adoption_text_size(p, size, labelled));
	adoption_text_write(p, size, labelled, out);
	same = strcmp(out, text) == 0;
	if (!same)
		diag("wrote %s", out);
	bin = malloc(adoption_binary_size(p, size, labelled));
	adoption_binary_write(p, size, labelled, bin);
	adoption_binary_read(bin, adoption_binary_size(p, size, labelled), nseries, labelled,
						 100000, 1000, &test_memory, &br);
	same = same && br.problem == NULL && br.size == size &&
		memcmp((char *) br.summary + 4, (char *) p + 4, size - 4) == 0 &&
		adoption_periods_check(br.summary, br.size, nseries, labelled) == ADOPTION_CHECK_OK;
	free(br.summary);
	free(bin);
	free(out);
	free(p);
	return same;
}

static void
test_text(void)
{
	const char *problem;
	size_t		size;
	AdoptionPeriods *p;

	ok(round_trips("{\"version\":1,\"time\":\"timestamptz\",\"periods\":"
				   "[[\"-4713-11-24 00:00:00+00\",1,2,1,1],[\"2020-02-29 23:59:59.999999+00\",0.1,1e-300,3,4]]}", 2, false),
	   "a timestamptz rivalry reads, writes back the same text, and round-trips in binary");
	ok(round_trips("{\"version\":2,\"time\":\"date\",\"periods\":"
				   "[[\"2019-03-01\",[0.30000000000000004,-2.7755575615628914e-17],1,2,1]]}", 2, false),
	   "an exact sum [head, tail] round-trips as version 2");
	ok(round_trips("{\"version\":2,\"time\":\"number\",\"labels\":[\"a\",\"b\\\"\"],"
				   "\"periods\":[[1,[1e+308,1e-300],0,1,0],[2,1,[0.30000000000000004,-2.7755575615628914e-17],1,2]]}", 0, true),
	   "a market with exact sums round-trips");
	ok(round_trips("{\"version\":1,\"time\":\"number\",\"periods\":[]}", 1, false),
	   "an empty trend round-trips");
	{
		/* one label of 300 control characters, each written \u0001: 1 800 bytes */
		static char text[4096];
		char	   *at = text;
		int			i;

		at += sprintf(at, "{\"version\":1,\"time\":\"number\",\"labels\":[\"");
		for (i = 0; i < 300; i++)
			at += sprintf(at, "\\u0001");
		sprintf(at, "\"],\"periods\":[[1,1,1]]}");
		ok(round_trips(text, 0, true), "a market whose one label escapes to 1 800 bytes round-trips");
	}

	p = read_text("{\"version\":1,\"time\":\"date\",\"periods\":[[\"2019-03-01\",[1,1e-20],1,1,1]]}",
				  2, false, &size, &problem);
	ok(p == NULL && strstr(problem, "version 2") != NULL, "an exact sum in version 1 is refused: %s", problem);
	p = read_text("{\"version\":2,\"time\":\"date\",\"periods\":[[\"2019-03-01\",1,1,1,1]]}",
				  2, false, &size, &problem);
	ok(p == NULL && strstr(problem, "version 2") != NULL, "version 2 without an exact sum is refused: %s", problem);
	p = read_text("{\"version\":2,\"time\":\"date\",\"periods\":[[\"2019-03-01\",[0.3,2.7755575615628914e-17],1,1,1]]}",
				  2, false, &size, &problem);
	ok(p == NULL && strcmp(problem, "exact sum not in canonical form") == 0,
	   "[0.3, +2.78e-17] is 0.1 + 0.2 with the wrong head: refused");
	p = read_text("{\"version\":2,\"time\":\"date\",\"periods\":[[\"2019-03-01\",[1,0],1,1,1]]}",
				  2, false, &size, &problem);
	ok(p == NULL && strcmp(problem, "exact sum not in canonical form") == 0, "a zero tail is refused");
	p = read_text("{\"version\":2,\"time\":\"date\",\"periods\":[[\"2019-03-01\",[1],1,1,1]]}",
				  2, false, &size, &problem);
	ok(p == NULL, "an exact sum with no tail is refused: %s", problem);
	p = read_text("{\"version\":1,\"time\":\"date\",\"periods\":[[\"2019-03-01\",1.,1,1,1]]}",
				  2, false, &size, &problem);
	ok(p == NULL && strcmp(problem, "expected a finite number as the period's value") == 0,
	   "1. is not a number: %s", problem);
	p = read_text("{\"version\":1,\"time\":\"date\",\"periods\":[[\"2019-03-01\",-x,1,1,1]]}",
				  2, false, &size, &problem);
	ok(p == NULL && strcmp(problem, "expected a finite number as the period's value") == 0,
	   "-x is not a number: %s", problem);
	p = read_text("{\"version\":1,\"time\":\"number\",\"periods\":[[1.,1,1,1,1]]}", 2, false, &size, &problem);
	ok(p == NULL && strcmp(problem, "expected a number as the period's time") == 0,
	   "nor is 1. a time: %s", problem);
	p = read_text("{\"version\":1,\"time\":\"date\",\"periods\":[[\"2019-03-01\",1,1,01,1]]}",
				  2, false, &size, &problem);
	ok(p == NULL, "a row count with a leading zero is refused: %s", problem);
	p = read_text("{\"version\":1,\"time\":\"timestamp\",\"periods\":[[\"2019-03-01 00:00:00.000000\",1,1,1,1]]}",
				  2, false, &size, &problem);
	ok(p == NULL, "a fraction of zeros in a time is refused: %s", problem);
	p = read_text("{\"version\":1,\"time\":\"timestamp\",\"periods\":[[\"294277-01-09 23:59:59\",1,1,1,1]]}",
				  2, false, &size, &problem);
	ok(p == NULL, "a time whose microseconds int64 cannot hold is refused, without overflowing: %s", problem);
	ok(round_trips("{\"version\":1,\"time\":\"number\",\"labels\":[\"a\",\"b\"],\"periods\":[[1,1,0,1,0]]}", 0, true),
	   "a label without rows is a label: it round-trips");
}

/*
 * The tails section's header: a record count, then a reserved word that
 * must be zero; a summary whose reserved word is not is refused.
 */
static void
test_tails_header(void)
{
	const char *problem;
	size_t		size;
	AdoptionPeriods *p = read_text(ONE_TAIL, 2, false, &size, &problem);
	size_t		at;

	ok(p != NULL, "a summary with a tail reads");
	if (p == NULL)
		return;
	at = adoption_tails_offset((size_t) (adoption_labels_end(p, false) - (const char *) p));
	((unsigned char *) p)[at + 4] = 1;
	ok(adoption_periods_check(p, size, 2, false) == ADOPTION_CHECK_TAILS,
	   "its tails header with a reserved byte not zero is refused");
	((unsigned char *) p)[at + 4] = 0;
	((unsigned char *) p)[at + 7] = 1;
	ok(adoption_periods_check(p, size, 2, false) == ADOPTION_CHECK_TAILS,
	   "and with the reserved word's last byte not zero");
	((unsigned char *) p)[at + 7] = 0;
	ok(adoption_periods_check(p, at + ADOPTION_TAILS_HEADER, 2, false) == ADOPTION_CHECK_SIZE,
	   "a header that promises a record and ends the summary: the length is wrong");
	memset((unsigned char *) p + at, 0, 4);
	ok(adoption_periods_check(p, at + ADOPTION_TAILS_HEADER, 2, false) == ADOPTION_CHECK_TAILS,
	   "a header of no records at the end: a tails section cannot be empty");
	ok(adoption_periods_check(p, at + ADOPTION_TAILS_HEADER - 1, 2, false) == ADOPTION_CHECK_SIZE,
	   "a header cut short: the length is wrong");
	free(p);

	/*
	 * A market's labels end off the alignment: zero padding, then the
	 * section.  Cut within the padding, the length is wrong, whatever lies
	 * past it.
	 */
	p = read_text("{\"version\":2,\"time\":\"number\",\"labels\":[\"a\",\"b\"],"
				  "\"periods\":[[1,1,[0.30000000000000004,-2.7755575615628914e-17],1,2]]}",
				  0, true, &size, &problem);
	ok(p != NULL, "a market with a tail reads");
	if (p == NULL)
		return;
	{
		size_t		end = (size_t) (adoption_labels_end(p, true) - (const char *) p);

		at = adoption_tails_offset(end);
		ok(at >= end + 2, "its labels end %zu bytes before the section", at - end);
		((unsigned char *) p)[end + 1] = 0xff;
		ok(adoption_periods_check(p, end + 1, 0, true) == ADOPTION_CHECK_SIZE,
		   "cut within the padding: the length is wrong (the byte past it is not read)");
		((unsigned char *) p)[end + 1] = 0;
		ok(adoption_periods_check(p, size, 0, true) == ADOPTION_CHECK_OK, "and whole, it is right");
		((unsigned char *) p)[at - 1] = 1;
		ok(adoption_periods_check(p, size, 0, true) == ADOPTION_CHECK_TAILS,
		   "a padding byte not zero is refused");
	}
	free(p);
}

/*
 * A tail of 44 components in binary: the reader takes up to 44, but no
 * canonical sum has that many after its head (the most is 43): refused, and
 * nothing is written past the expansion it is checked in.
 */
static void
test_binary_long_tail(void)
{
	const char *problem;
	size_t		size;
	AdoptionPeriods *p = read_text(ONE_TAIL, 2, false, &size, &problem);
	size_t		len;
	unsigned char *buf;
	AdoptionBinaryRead br;
	int			c;

	if (p == NULL)
	{
		ok(false, "a summary with a tail reads");
		return;
	}
	len = adoption_binary_size(p, size, false);
	buf = calloc(1, len + 43 * 8);
	adoption_binary_write(p, size, false, buf);
	/* the last record: period, series, count, one component; make it 44 */
	buf[len - 10] = 0;
	buf[len - 9] = 44;
	for (c = 1; c < 44; c++)
	{
		double		d = ldexp(1.0, -100 - 60 * c);
		uint64_t	bits;
		int			k;

		memcpy(&bits, &d, sizeof(bits));
		for (k = 0; k < 8; k++)
			buf[len + 8 * (c - 1) + k] = (unsigned char) (bits >> (56 - 8 * k));
	}
	adoption_binary_read(buf, len + 43 * 8, 2, false, 1000, 1000, &test_memory, &br);
	ok(br.problem == NULL && br.summary != NULL &&
	   adoption_periods_check(br.summary, br.size, 2, false) == ADOPTION_CHECK_TAILS,
	   "a tail of 44 components reads, and is not canonical");
	free(br.summary);
	free(buf);
	free(p);
}

/* The binary form of 0.4.0, byte for byte (test/fuzz/corpus/rivalry_date.bin). */
static void
test_binary_compatibility(void)
{
	static const unsigned char bytes[] = {
		0x01, 0x03, 0x02, 0x00, 0x00, 0x00, 0x02,
		0x00, 0x02, 0x25, 0xfb, 0xdb, 0x51, 0xa0, 0x00, 0x40, 0x08, 0, 0, 0, 0, 0, 0,
		0x3f, 0xf0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 1,
		0x00, 0x02, 0x3e, 0x07, 0x86, 0xc2, 0x60, 0x00, 0x40, 0x00, 0, 0, 0, 0, 0, 0,
		0x3f, 0xf0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 1};
	AdoptionBinaryRead br;
	unsigned char out[sizeof(bytes)];

	adoption_binary_read(bytes, sizeof(bytes), 2, false, 1000, 1000, &test_memory, &br);
	ok(br.problem == NULL && adoption_periods_check(br.summary, br.size, 2, false) == ADOPTION_CHECK_OK &&
	   adoption_binary_size(br.summary, br.size, false) == sizeof(bytes),
	   "0.4.0's binary rivalry of 3x then 2x reads");
	adoption_binary_write(br.summary, br.size, false, out);
	ok(memcmp(out, bytes, sizeof(bytes)) == 0, "and writes back the same bytes");
	free(br.summary);
	adoption_binary_read(bytes, sizeof(bytes) - 1, 2, false, 1000, 1000, &test_memory, &br);
	ok(br.problem != NULL && br.summary == NULL, "a byte short: %s", br.problem);
	{
		/* a period count of 2^31 and nothing after it: every byte of the count counts */
		static const unsigned char huge[] = {0x01, 0x03, 0x02, 0x80, 0x00, 0x00, 0x00};

		adoption_binary_read(huge, sizeof(huge), 2, false, 1000, 1000, &test_memory, &br);
		ok(br.problem != NULL && br.summary == NULL, "a count of 2^31 periods with no periods: %s",
		   br.problem ? br.problem : "read");
		free(br.summary);
	}
}

int
main(void)
{
	test_tails_header();
	test_format_double();
	test_format_time();
	test_text();
	test_binary_long_tail();
	test_binary_compatibility();
	return done_testing();
}
