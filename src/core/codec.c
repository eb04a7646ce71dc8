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

static char *write_periods(const AdoptionPeriods *p, char *out);

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

	out += sprintf(out, "{\"version\":%d,\"time\":\"%s\",",
				   (int) p->version, time_kind_names[p->kind]);
	out = write_periods(p, out);
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
	/*
	 * Beyond PostgreSQL's range (4714 BC to 294276 AD) the key check refuses
	 * it; here only what the int64 arithmetic below cannot hold, so that it
	 * never overflows (signed overflow is undefined; the fuzzer found it).
	 */
	if (days < -INT64_MAX / USECS_PER_DAY + 1 || days > INT64_MAX / USECS_PER_DAY - 1)
		return false;
	*key = days * USECS_PER_DAY +
		((hour * INT64_C(60) + minute) * 60 + second) * USECS_PER_SEC + usec;
	r->s = p;
	return true;
}

/* {"version":1,"time":"<kind>", */
static const char *
read_header(Reader *r, AdoptionTimeKind *kind_out)
{
	double		version;
	int			kind;

	if (!expect(r, "{") || !expect(r, "\"version\"") || !expect(r, ":") ||
		!read_double(r, &version))
		return "expected {\"version\": <number>, ...";
	if (version != ADOPTION_FORMAT_VERSION)
		return "unsupported version";
	if (!expect(r, ",") || !expect(r, "\"time\"") || !expect(r, ":") || !expect(r, "\""))
		return "expected \"time\": \"<kind>\" after the version";
	for (kind = 0; kind < ADOPTION_TIME_KINDS; kind++)
	{
		size_t		len = strlen(time_kind_names[kind]);

		if (strncmp(r->s, time_kind_names[kind], len) == 0 && r->s[len] == '"')
		{
			r->s += len + 1;
			*kind_out = (AdoptionTimeKind) kind;
			return NULL;
		}
	}
	return "\"time\" must be \"number\", \"timestamptz\", \"timestamp\" or \"date\"";
}

/* ,"periods":[...]} and nothing after */
static const char *
read_periods(Reader *r, AdoptionTimeKind kind, int nseries, AdoptionPeriods *p, int capacity)
{
	int			n = 0;

	adoption_periods_init(p, kind, nseries, capacity);
	if (!expect(r, ",") || !expect(r, "\"periods\"") || !expect(r, ":") || !expect(r, "["))
		return "expected \"periods\": [ after the time";
	if (!expect(r, "]"))
	{
		do
		{
			AdoptionSlot *e;
			int			s;

			if (n >= capacity)
				return "more periods than brackets";
			e = adoption_entry(p, n);
			if (!expect(r, "["))
				return "expected [ to open a period";
			if (kind == ADOPTION_TIME_NUMBER)
			{
				double		t;

				if (!read_double(r, &t))
					return "expected a number as the period's time";
				e[0].i = adoption_number_key(t);
			}
			else if (!read_time(r, kind, &e[0].i))
				return kind == ADOPTION_TIME_DATE ?
					"expected a date \"YYYY-MM-DD\" as the period's time" :
					kind == ADOPTION_TIME_TIMESTAMP ?
					"expected a timestamp \"YYYY-MM-DD HH:MM:SS[.ffffff]\" as the period's time" :
					"expected a timestamp \"YYYY-MM-DD HH:MM:SS[.ffffff]+00\" as the period's time";
			for (s = 0; s < nseries; s++)
				if (!expect(r, ",") || !read_double(r, &e[1 + s].d))
					return "expected a finite number as the period's value";
			for (s = 0; s < nseries; s++)
				if (!expect(r, ",") || !read_count(r, &e[1 + nseries + s].i))
					return "expected a non-negative integer as the period's row count";
			if (!expect(r, "]"))
				return nseries == 1 ?
					"a period is [time, value, rows]" :
					nseries == 2 ?
					"a period is [time, a, b, rows_a, rows_b]" :
					"a period is [time, a value per label, a row count per label]";
			n++;
		} while (expect(r, ","));
		if (!expect(r, "]"))
			return "expected , or ] after a period";
	}
	if (!expect(r, "}"))
		return "expected } after the periods";
	skip_space(r);
	if (*r->s != '\0')
		return "unexpected text after the value";
	p->nperiods = n;
	p->nsorted = n;
	p->capacity = n;
	return NULL;
}

const char *
adoption_json_read(const char *text, int nseries, AdoptionPeriods *p, int capacity)
{
	Reader		r = {text};
	AdoptionTimeKind kind;
	const char *problem = read_header(&r, &kind);

	if (problem != NULL)
		return problem;
	return read_periods(&r, kind, nseries, p, capacity);
}

/* Four hex digits of a \u escape. */
static bool
read_hex4(const char **p, unsigned *value)
{
	unsigned	v = 0;
	int			i;

	for (i = 0; i < 4; i++)
	{
		char		c = *(*p)++;

		v <<= 4;
		if (c >= '0' && c <= '9')
			v |= (unsigned) (c - '0');
		else if (c >= 'a' && c <= 'f')
			v |= (unsigned) (c - 'a' + 10);
		else if (c >= 'A' && c <= 'F')
			v |= (unsigned) (c - 'A' + 10);
		else
			return false;
	}
	*value = v;
	return true;
}

/* A JSON string, its escapes decoded to UTF-8 into out; no NUL allowed. */
static bool
read_string(Reader *r, char *out, uint32_t *len)
{
	const char *p;
	uint32_t	n = 0;

	skip_space(r);
	p = r->s;
	if (*p++ != '"')
		return false;
	for (;;)
	{
		unsigned char c = (unsigned char) *p++;

		if (c == '"')
			break;
		if (c < 0x20)
			return false;		/* control characters must be escaped; NUL ends the text */
		if (c != '\\')
		{
			out[n++] = (char) c;
			continue;
		}
		c = (unsigned char) *p++;
		switch (c)
		{
			case '"':
			case '\\':
			case '/':
				out[n++] = (char) c;
				break;
			case 'b':
				out[n++] = '\b';
				break;
			case 'f':
				out[n++] = '\f';
				break;
			case 'n':
				out[n++] = '\n';
				break;
			case 'r':
				out[n++] = '\r';
				break;
			case 't':
				out[n++] = '\t';
				break;
			case 'u':
				{
					unsigned	cp;
					unsigned	lo;

					if (!read_hex4(&p, &cp) || cp == 0)
						return false;
					if (cp >= 0xDC00 && cp <= 0xDFFF)
						return false;
					if (cp >= 0xD800 && cp <= 0xDBFF)
					{
						if (p[0] != '\\' || p[1] != 'u')
							return false;
						p += 2;
						if (!read_hex4(&p, &lo) || lo < 0xDC00 || lo > 0xDFFF)
							return false;
						cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
					}
					/* UTF-8 is never longer than the escape it came from */
					if (cp < 0x80)
						out[n++] = (char) cp;
					else if (cp < 0x800)
					{
						out[n++] = (char) (0xC0 | (cp >> 6));
						out[n++] = (char) (0x80 | (cp & 0x3F));
					}
					else if (cp < 0x10000)
					{
						out[n++] = (char) (0xE0 | (cp >> 12));
						out[n++] = (char) (0x80 | ((cp >> 6) & 0x3F));
						out[n++] = (char) (0x80 | (cp & 0x3F));
					}
					else
					{
						out[n++] = (char) (0xF0 | (cp >> 18));
						out[n++] = (char) (0x80 | ((cp >> 12) & 0x3F));
						out[n++] = (char) (0x80 | ((cp >> 6) & 0x3F));
						out[n++] = (char) (0x80 | (cp & 0x3F));
					}
					break;
				}
			default:
				return false;
		}
	}
	r->s = p;
	*len = n;
	return true;
}

const char *
adoption_market_json_read_labels(const char *text, AdoptionLabel *labels, int max_labels,
								 char *label_buf, int *nlabels, AdoptionTimeKind *kind,
								 const char **periods_at)
{
	Reader		r = {text};
	const char *problem = read_header(&r, kind);
	int			n = 0;

	if (problem != NULL)
		return problem;
	if (!expect(&r, ",") || !expect(&r, "\"labels\"") || !expect(&r, ":") || !expect(&r, "["))
		return "expected \"labels\": [ after the time";
	if (!expect(&r, "]"))
	{
		do
		{
			if (n >= max_labels)
				return "too many labels";
			if (!read_string(&r, label_buf, &labels[n].len))
				return "expected a label as a JSON string";
			labels[n].data = label_buf;
			label_buf += labels[n].len;
			n++;
		} while (expect(&r, ","));
		if (!expect(&r, "]"))
			return "expected , or ] after a label";
	}
	if (!adoption_labels_canonical(labels, n))
		return "labels not in strictly increasing order";
	*nlabels = n;
	*periods_at = r.s;
	return NULL;
}

const char *
adoption_market_json_read_periods(const char *periods_at, AdoptionTimeKind kind, int nlabels,
								  AdoptionPeriods *p, int capacity)
{
	Reader		r = {periods_at};

	return read_periods(&r, kind, nlabels, p, capacity);
}

int
adoption_label_cmp(const AdoptionLabel *a, const AdoptionLabel *b)
{
	int			c = memcmp(a->data, b->data, a->len < b->len ? a->len : b->len);

	if (c != 0)
		return c;
	return (a->len > b->len) - (a->len < b->len);
}

bool
adoption_labels_canonical(const AdoptionLabel *labels, int n)
{
	int			i;

	for (i = 1; i < n; i++)
		if (adoption_label_cmp(&labels[i - 1], &labels[i]) >= 0)
			return false;
	return true;
}

size_t
adoption_labels_size(const AdoptionLabel *labels, int n)
{
	size_t		bytes = 0;
	int			i;

	for (i = 0; i < n; i++)
		bytes += sizeof(uint32_t) + labels[i].len;
	return bytes;
}

void
adoption_labels_store(char *at, const AdoptionLabel *labels, int n)
{
	int			i;

	for (i = 0; i < n; i++)
	{
		memcpy(at, &labels[i].len, sizeof(uint32_t));
		memmove(at + sizeof(uint32_t), labels[i].data, labels[i].len);
		at += sizeof(uint32_t) + labels[i].len;
	}
}

void
adoption_labels_load(const char *at, AdoptionLabel *labels, int n)
{
	int			i;

	for (i = 0; i < n; i++)
	{
		memcpy(&labels[i].len, at, sizeof(uint32_t));
		labels[i].data = at + sizeof(uint32_t);
		at += sizeof(uint32_t) + labels[i].len;
	}
}

/* periods of a table as text, after the opening of the value */
static char *
write_periods(const AdoptionPeriods *p, char *out)
{
	int			i;

	out += sprintf(out, "\"periods\":[");
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
	return out;
}

size_t
adoption_market_json_size(const AdoptionPeriods *p, const AdoptionLabel *labels)
{
	size_t		bytes = adoption_json_size(p) + 16;
	int			i;

	/* a byte escapes to at most six (\u00XX), plus quotes and a comma */
	for (i = 0; i < p->nseries; i++)
		bytes += 6 * (size_t) labels[i].len + 3;
	return bytes;
}

size_t
adoption_market_json_write(const AdoptionPeriods *p, const AdoptionLabel *labels, char *buf)
{
	char	   *out = buf;
	int			i;

	out += sprintf(out, "{\"version\":%d,\"time\":\"%s\",\"labels\":[",
				   (int) p->version, time_kind_names[p->kind]);
	for (i = 0; i < p->nseries; i++)
	{
		uint32_t	j;

		if (i > 0)
			*out++ = ',';
		*out++ = '"';
		for (j = 0; j < labels[i].len; j++)
		{
			unsigned char c = (unsigned char) labels[i].data[j];

			if (c == '"' || c == '\\')
			{
				*out++ = '\\';
				*out++ = (char) c;
			}
			else if (c < 0x20)
				out += sprintf(out, "\\u%04x", c);
			else
				*out++ = (char) c;
		}
		*out++ = '"';
	}
	out += sprintf(out, "],");
	out = write_periods(p, out);
	return (size_t) (out - buf);
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

size_t
adoption_market_binary_size(const AdoptionPeriods *p, const AdoptionLabel *labels)
{
	return 4 + adoption_labels_size(labels, p->nseries) + 4 +
		(size_t) p->nperiods * (size_t) (1 + 2 * p->nseries) * 8;
}

static void
put_u32(unsigned char *out, uint32_t v)
{
	out[0] = (unsigned char) (v >> 24);
	out[1] = (unsigned char) (v >> 16);
	out[2] = (unsigned char) (v >> 8);
	out[3] = (unsigned char) v;
}

static uint32_t
get_u32(const unsigned char *in)
{
	return ((uint32_t) in[0] << 24) | ((uint32_t) in[1] << 16) |
		((uint32_t) in[2] << 8) | in[3];
}

void
adoption_market_binary_write(const AdoptionPeriods *p, const AdoptionLabel *labels,
							 unsigned char *buf)
{
	size_t		slots = (size_t) p->nperiods * (size_t) (1 + 2 * p->nseries);
	size_t		i;
	int			l;

	buf[0] = p->version;
	buf[1] = p->kind;
	buf[2] = (unsigned char) (p->nseries >> 8);
	buf[3] = (unsigned char) p->nseries;
	buf += 4;
	for (l = 0; l < p->nseries; l++)
	{
		put_u32(buf, labels[l].len);
		memcpy(buf + 4, labels[l].data, labels[l].len);
		buf += 4 + labels[l].len;
	}
	put_u32(buf, (uint32_t) p->nperiods);
	buf += 4;
	for (i = 0; i < slots; i++)
		put_u64(buf + 8 * i, (uint64_t) p->slots[i].i);
}

const char *
adoption_market_binary_read_labels(const unsigned char *buf, size_t len, AdoptionLabel *labels,
								   int max_labels, int *nlabels, AdoptionTimeKind *kind,
								   size_t *periods_at)
{
	size_t		at = 4;
	int			n;
	int			l;

	if (len < 4)
		return "too short for a header";
	if (buf[0] != ADOPTION_FORMAT_VERSION)
		return "unsupported format version";
	if (buf[1] >= ADOPTION_TIME_KINDS)
		return "unknown kind of time";
	n = (buf[2] << 8) | buf[3];
	if (n > max_labels)
		return "too many labels";
	for (l = 0; l < n; l++)
	{
		uint32_t	llen;

		if (len - at < 4)
			return "label length past the end";
		llen = get_u32(buf + at);
		if (llen > len - at - 4)
			return "label past the end";
		if (memchr(buf + at + 4, 0, llen) != NULL)
			return "label with a zero byte";
		labels[l].len = llen;
		labels[l].data = (const char *) buf + at + 4;
		at += 4 + llen;
	}
	if (!adoption_labels_canonical(labels, n))
		return "labels not in strictly increasing order";
	*kind = (AdoptionTimeKind) buf[1];
	*nlabels = n;
	*periods_at = at;
	return NULL;
}

/* The periods of a market's binary form: count, then entries, exactly. */
const char *
adoption_market_binary_read_periods(const unsigned char *buf, size_t len, AdoptionTimeKind kind,
									int nlabels, AdoptionPeriods *p, int capacity)
{
	uint32_t	n;
	size_t		slots;
	size_t		i;

	if (len < 4)
		return "period count past the end";
	n = get_u32(buf);
	if (n > (uint32_t) capacity || n > INT32_MAX ||
		len - 4 != (size_t) n * (size_t) (1 + 2 * nlabels) * 8)
		return "period count does not match the length";
	adoption_periods_init(p, kind, nlabels, (int) n);
	slots = (size_t) n * (size_t) (1 + 2 * nlabels);
	for (i = 0; i < slots; i++)
		p->slots[i].i = (int64_t) get_u64(buf + 4 + 8 * i);
	p->nperiods = p->nsorted = (int) n;
	return NULL;
}
