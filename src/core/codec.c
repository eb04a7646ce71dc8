/*
 * codec.c
 *	  The text form of period tables.
 */
#include "codec.h"

#include <ctype.h>
#include <float.h>
#include <inttypes.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define USECS_PER_SEC INT64_C(1000000)
#define USECS_PER_DAY INT64_C(86400000000)
/* days from 1970-01-01 to 2000-01-01, PostgreSQL's epoch */
#define POSTGRES_EPOCH_DAYS 10957

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

/*
 * Proleptic Gregorian calendar <-> days since 1970-01-01 (Howard Hinnant's
 * algorithms, valid far beyond PostgreSQL's range).
 */
static int64_t
days_from_civil(int64_t y, int m, int d)
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

static void
civil_from_days(int64_t z, int64_t *y, int *m, int *d)
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

static int64_t
floor_div(int64_t a, int64_t b)
{
	return a / b - (a % b != 0 && (a < 0) != (b < 0));
}

void
adoption_format_time(AdoptionTimeKind kind, int64_t key, char *buf)
{
	int64_t		days = floor_div(key, USECS_PER_DAY);
	int64_t		usec = key - days * USECS_PER_DAY;
	int64_t		year;
	int			month;
	int			day;
	int			n;

	civil_from_days(days + POSTGRES_EPOCH_DAYS, &year, &month, &day);
	/* astronomical years: 0 is 1 BC, -1 is 2 BC */
	n = snprintf(buf, ADOPTION_TIME_TEXT_MAX, "%s%04" PRId64 "-%02d-%02d",
				 year < 0 ? "-" : "", year < 0 ? -year : year, month, day);
	if (kind == ADOPTION_TIME_DATE)
		return;
	n += snprintf(buf + n, ADOPTION_TIME_TEXT_MAX - n, " %02d:%02d:%02d",
				  (int) (usec / (3600 * USECS_PER_SEC)),
				  (int) (usec / (60 * USECS_PER_SEC) % 60),
				  (int) (usec / USECS_PER_SEC % 60));
	if (usec % USECS_PER_SEC != 0)
		n += snprintf(buf + n, ADOPTION_TIME_TEXT_MAX - n, ".%06d",
					  (int) (usec % USECS_PER_SEC));
	if (kind == ADOPTION_TIME_TIMESTAMPTZ)
		snprintf(buf + n, ADOPTION_TIME_TEXT_MAX - n, "+00");
}

/*
 * For a normal double, if a decimal of k < 15 digits reads back as d, then
 * so does d rounded to 15 digits, which %g prints without the trailing
 * zeros: the search can start at 15.  Subnormals have fewer bits, so for
 * them it starts at 1.
 */
void
adoption_format_double(double d, char *buf)
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

size_t
adoption_json_size(const AdoptionPeriods *p)
{
	/* per period: brackets, commas, a time, k doubles (<= 24), k counts (<= 20) */
	return 96 + (size_t) p->nperiods *
		(8 + ADOPTION_TIME_TEXT_MAX + (size_t) p->nseries * (24 + 20 + 2));
}

size_t
adoption_json_write(const AdoptionPeriods *p, char *buf)
{
	char	   *out = buf;
	int			i;

	out += sprintf(out, "{\"version\":%d,\"time\":\"%s\",\"periods\":[",
				   (int) p->version, time_kind_names[p->kind]);
	for (i = 0; i < p->nperiods; i++)
	{
		char		text[ADOPTION_TIME_TEXT_MAX];
		int			s;

		if (i > 0)
			*out++ = ',';
		*out++ = '[';
		if (p->kind == ADOPTION_TIME_NUMBER)
		{
			adoption_format_double(adoption_key_number(adoption_key(p, i)), text);
			out += sprintf(out, "%s", text);
		}
		else
		{
			adoption_format_time((AdoptionTimeKind) p->kind, adoption_key(p, i), text);
			out += sprintf(out, "\"%s\"", text);
		}
		for (s = 0; s < p->nseries; s++)
		{
			adoption_format_double(adoption_sum(p, i, s), text);
			out += sprintf(out, ",%s", text);
		}
		for (s = 0; s < p->nseries; s++)
			out += sprintf(out, ",%" PRId64, adoption_rows(p, i, s));
		*out++ = ']';
	}
	out += sprintf(out, "]}");
	return (size_t) (out - buf);
}

int
adoption_json_max_periods(const char *text)
{
	int			n = 0;

	for (; *text; text++)
		if (*text == '[' && n < INT32_MAX)
			n++;
	return n;
}

/* A cursor over the text being read. */
typedef struct Reader
{
	const char *s;
} Reader;

static void
skip_space(Reader *r)
{
	while (*r->s == ' ' || *r->s == '\t' || *r->s == '\n' || *r->s == '\r')
		r->s++;
}

/* Consume the literal token lit (after white space); false if absent. */
static bool
expect(Reader *r, const char *lit)
{
	size_t		len = strlen(lit);

	skip_space(r);
	if (strncmp(r->s, lit, len) != 0)
		return false;
	r->s += len;
	return true;
}

/* A JSON number, strictly: -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)? */
static bool
read_double(Reader *r, double *d)
{
	const char *p;
	char	   *end;

	skip_space(r);
	p = r->s;
	if (*p == '-')
		p++;
	if (*p == '0')
		p++;
	else if (isdigit((unsigned char) *p))
		while (isdigit((unsigned char) *p))
			p++;
	else
		return false;
	if (*p == '.')
	{
		p++;
		if (!isdigit((unsigned char) *p))
			return false;
		while (isdigit((unsigned char) *p))
			p++;
	}
	if (*p == 'e' || *p == 'E')
	{
		p++;
		if (*p == '+' || *p == '-')
			p++;
		if (!isdigit((unsigned char) *p))
			return false;
		while (isdigit((unsigned char) *p))
			p++;
	}
	*d = strtod(r->s, &end);
	if (end != p || !isfinite(*d))
		return false;
	r->s = p;
	return true;
}

/* A non-negative integer within int64. */
static bool
read_count(Reader *r, int64_t *n)
{
	int64_t		v = 0;

	skip_space(r);
	if (!isdigit((unsigned char) *r->s) || (r->s[0] == '0' && isdigit((unsigned char) r->s[1])))
		return false;
	while (isdigit((unsigned char) *r->s))
	{
		int			digit = *r->s++ - '0';

		if (v > (INT64_MAX - digit) / 10)
			return false;
		v = v * 10 + digit;
	}
	*n = v;
	return true;
}

/* n digits exactly, as an int */
static bool
read_digits(const char **p, int n, int *value)
{
	int			v = 0;

	while (n-- > 0)
	{
		if (!isdigit((unsigned char) **p))
			return false;
		v = v * 10 + (*(*p)++ - '0');
	}
	*value = v;
	return true;
}

/* A quoted time of the given kind, as adoption_format_time writes it. */
static bool
read_time(Reader *r, AdoptionTimeKind kind, int64_t *key)
{
	const char *p;
	int64_t		year = 0;
	int			ydigits = 0;
	bool		negative = false;
	int			month;
	int			day;
	int			hour = 0;
	int			minute = 0;
	int			second = 0;
	int			usec = 0;
	int64_t		days;
	int64_t		check_year;
	int			check_month;
	int			check_day;

	skip_space(r);
	p = r->s;
	if (*p++ != '"')
		return false;
	if (*p == '-')
	{
		negative = true;
		p++;
	}
	while (isdigit((unsigned char) *p) && ydigits < 7)
	{
		year = year * 10 + (*p++ - '0');
		ydigits++;
	}
	if (ydigits < 4 || (ydigits > 4 && year < 10000) || (negative && year == 0))
		return false;
	if (negative)
		year = -year;
	if (*p++ != '-' || !read_digits(&p, 2, &month) || *p++ != '-' ||
		!read_digits(&p, 2, &day))
		return false;
	if (kind != ADOPTION_TIME_DATE)
	{
		if (*p++ != ' ' || !read_digits(&p, 2, &hour) || *p++ != ':' ||
			!read_digits(&p, 2, &minute) || *p++ != ':' ||
			!read_digits(&p, 2, &second))
			return false;
		if (*p == '.')
		{
			p++;
			if (!read_digits(&p, 6, &usec) || usec == 0)
				return false;
		}
		if (kind == ADOPTION_TIME_TIMESTAMPTZ && strncmp(p, "+00", 3) != 0)
			return false;
		if (kind == ADOPTION_TIME_TIMESTAMPTZ)
			p += 3;
		if (hour > 23 || minute > 59 || second > 59)
			return false;
	}
	if (*p++ != '"' || month < 1 || month > 12 || day < 1 || day > 31)
		return false;
	/* a day that does not exist (Feb 30) does not survive the round trip */
	days = days_from_civil(year, month, day);
	civil_from_days(days, &check_year, &check_month, &check_day);
	if (check_year != year || check_month != month || check_day != day)
		return false;
	days -= POSTGRES_EPOCH_DAYS;
	/* beyond PostgreSQL's range: no overflow below, the key check refuses it */
	if (days < -3000000 || days > 110000000)
		return false;
	*key = days * USECS_PER_DAY +
		((hour * INT64_C(60) + minute) * 60 + second) * USECS_PER_SEC + usec;
	r->s = p;
	return true;
}

const char *
adoption_json_read(const char *text, int nseries, AdoptionPeriods *p, int capacity)
{
	Reader		r = {text};
	double		version;
	int			kind;
	int			n = 0;

	if (!expect(&r, "{") || !expect(&r, "\"version\"") || !expect(&r, ":") ||
		!read_double(&r, &version))
		return "expected {\"version\": <number>, ...";
	if (version != ADOPTION_FORMAT_VERSION)
		return "unsupported version";
	if (!expect(&r, ",") || !expect(&r, "\"time\"") || !expect(&r, ":") || !expect(&r, "\""))
		return "expected \"time\": \"<kind>\" after the version";
	for (kind = 0; kind < ADOPTION_TIME_KINDS; kind++)
	{
		size_t		len = strlen(time_kind_names[kind]);

		if (strncmp(r.s, time_kind_names[kind], len) == 0 && r.s[len] == '"')
		{
			r.s += len + 1;
			break;
		}
	}
	if (kind == ADOPTION_TIME_KINDS)
		return "\"time\" must be \"number\", \"timestamptz\", \"timestamp\" or \"date\"";
	adoption_periods_init(p, (AdoptionTimeKind) kind, nseries, capacity);
	if (!expect(&r, ",") || !expect(&r, "\"periods\"") || !expect(&r, ":") || !expect(&r, "["))
		return "expected \"periods\": [ after the time";
	if (!expect(&r, "]"))
	{
		do
		{
			AdoptionSlot *e;
			int			s;

			if (n >= capacity)
				return "more periods than brackets";
			e = adoption_entry(p, n);
			if (!expect(&r, "["))
				return "expected [ to open a period";
			if (kind == ADOPTION_TIME_NUMBER)
			{
				double		t;

				if (!read_double(&r, &t))
					return "expected a number as the period's time";
				e[0].i = adoption_number_key(t);
			}
			else if (!read_time(&r, (AdoptionTimeKind) kind, &e[0].i))
				return kind == ADOPTION_TIME_DATE ?
					"expected a date \"YYYY-MM-DD\" as the period's time" :
					kind == ADOPTION_TIME_TIMESTAMP ?
					"expected a timestamp \"YYYY-MM-DD HH:MM:SS[.ffffff]\" as the period's time" :
					"expected a timestamp \"YYYY-MM-DD HH:MM:SS[.ffffff]+00\" as the period's time";
			for (s = 0; s < nseries; s++)
				if (!expect(&r, ",") || !read_double(&r, &e[1 + s].d))
					return "expected a finite number as the period's value";
			for (s = 0; s < nseries; s++)
				if (!expect(&r, ",") || !read_count(&r, &e[1 + nseries + s].i))
					return "expected a non-negative integer as the period's row count";
			if (!expect(&r, "]"))
				return nseries == 1 ?
					"a period is [time, value, rows]" :
					"a period is [time, a, b, rows_a, rows_b]";
			n++;
		} while (expect(&r, ","));
		if (!expect(&r, "]"))
			return "expected , or ] after a period";
	}
	if (!expect(&r, "}"))
		return "expected } after the periods";
	skip_space(&r);
	if (*r.s != '\0')
		return "unexpected text after the value";
	p->nperiods = n;
	p->nsorted = n;
	p->capacity = n;
	return NULL;
}

#define BINARY_HEADER 7			/* version, kind, series, count */

static void
put_u64(unsigned char *out, uint64_t v)
{
	int			i;

	for (i = 7; i >= 0; i--)
	{
		out[i] = (unsigned char) (v & 0xff);
		v >>= 8;
	}
}

static uint64_t
get_u64(const unsigned char *in)
{
	uint64_t	v = 0;
	int			i;

	for (i = 0; i < 8; i++)
		v = (v << 8) | in[i];
	return v;
}

size_t
adoption_binary_size(const AdoptionPeriods *p)
{
	return BINARY_HEADER + (size_t) p->nperiods * (size_t) (1 + 2 * p->nseries) * 8;
}

void
adoption_binary_write(const AdoptionPeriods *p, unsigned char *buf)
{
	size_t		slots = (size_t) p->nperiods * (size_t) (1 + 2 * p->nseries);
	uint32_t	n = (uint32_t) p->nperiods;
	size_t		i;

	buf[0] = p->version;
	buf[1] = p->kind;
	buf[2] = p->nseries;
	buf[3] = (unsigned char) (n >> 24);
	buf[4] = (unsigned char) (n >> 16);
	buf[5] = (unsigned char) (n >> 8);
	buf[6] = (unsigned char) n;
	/* every slot is 8 bytes: keys and counts as integers, sums as IEEE doubles */
	for (i = 0; i < slots; i++)
		put_u64(buf + BINARY_HEADER + 8 * i, (uint64_t) p->slots[i].i);
}

int
adoption_binary_max_periods(size_t len, int nseries)
{
	size_t		n = len < BINARY_HEADER ? 0 : (len - BINARY_HEADER) / ((size_t) (1 + 2 * nseries) * 8);

	return n > INT32_MAX ? INT32_MAX : (int) n;
}

const char *
adoption_binary_read(const unsigned char *buf, size_t len, int nseries,
					 AdoptionPeriods *p, int capacity)
{
	uint32_t	n;
	size_t		slots;
	size_t		i;

	if (len < BINARY_HEADER)
		return "too short for a header";
	if (buf[0] != ADOPTION_FORMAT_VERSION)
		return "unsupported format version";
	if (buf[1] >= ADOPTION_TIME_KINDS)
		return "unknown kind of time";
	if (buf[2] != nseries)
		return "wrong number of series";
	n = ((uint32_t) buf[3] << 24) | ((uint32_t) buf[4] << 16) |
		((uint32_t) buf[5] << 8) | buf[6];
	/* the count must match the bytes that follow, exactly */
	if (n > (uint32_t) capacity || n > INT32_MAX ||
		len != BINARY_HEADER + (size_t) n * (size_t) (1 + 2 * nseries) * 8)
		return "period count does not match the length";
	adoption_periods_init(p, (AdoptionTimeKind) buf[1], nseries, (int) n);
	slots = (size_t) n * (size_t) (1 + 2 * nseries);
	for (i = 0; i < slots; i++)
		p->slots[i].i = (int64_t) get_u64(buf + BINARY_HEADER + 8 * i);
	p->nperiods = p->nsorted = (int) n;
	return NULL;
}
