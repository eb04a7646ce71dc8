/*
 * text.c
 *	  The text form of summaries.
 */
#include "text.h"

#include <ctype.h>
#include <float.h>
#include <inttypes.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "exact.h"

/*
 * PostgreSQL's shortest round-trip formatter (Ryu, src/common/d2s.c), as
 * float8out uses it: in every server, and in libpgcommon for the unit tests
 * and the fuzzer.  Writes without a terminating NUL; returns the length.
 */
extern int	double_to_shortest_decimal_bufn(double f, char *result);

/* Write digits of v, at least "width" of them; returns the count. */
static int
put_digits(char *out, uint64_t v, int width)
{
	char		tmp[24];
	int			n = 0;
	int			i;

	do
	{
		tmp[n++] = (char) ('0' + v % 10);
		v /= 10;
	} while (v != 0);
	while (n < width)
		tmp[n++] = '0';
	for (i = 0; i < n; i++)
		out[i] = tmp[n - 1 - i];
	return n;
}

int
adoption_format_time(AdoptionTimeKind kind, int64_t key, char *buf)
{
	int64_t		days = adoption_floor_div(key, ADOPTION_USECS_PER_DAY);
	int64_t		usec = key - days * ADOPTION_USECS_PER_DAY;
	int64_t		year;
	int			month;
	int			day;
	char	   *out = buf;

	adoption_civil_from_days(days + ADOPTION_POSTGRES_EPOCH_DAYS, &year, &month, &day);
	/* astronomical years: 0 is 1 BC, -1 is 2 BC */
	if (year < 0)
		*out++ = '-';
	out += put_digits(out, (uint64_t) (year < 0 ? -year : year), 4);
	*out++ = '-';
	out += put_digits(out, (uint64_t) month, 2);
	*out++ = '-';
	out += put_digits(out, (uint64_t) day, 2);
	if (kind != ADOPTION_TIME_DATE)
	{
		int64_t		seconds = usec / ADOPTION_USECS_PER_SEC;

		*out++ = ' ';
		out += put_digits(out, (uint64_t) (seconds / 3600), 2);
		*out++ = ':';
		out += put_digits(out, (uint64_t) (seconds / 60 % 60), 2);
		*out++ = ':';
		out += put_digits(out, (uint64_t) (seconds % 60), 2);
		if (usec % ADOPTION_USECS_PER_SEC != 0)
		{
			*out++ = '.';
			out += put_digits(out, (uint64_t) (usec % ADOPTION_USECS_PER_SEC), 6);
		}
		if (kind == ADOPTION_TIME_TIMESTAMPTZ)
		{
			memcpy(out, "+00", 3);
			out += 3;
		}
	}
	*out = '\0';
	return (int) (out - buf);
}

/*
 * 0.4.0 wrote the first of %.15g, %.16g, %.17g (from %.1g for subnormals)
 * that reads back as d.  The same text, faster: the digits come from Ryu
 * (PostgreSQL's shortest round-trip formatter) and are laid out as %g lays
 * them out at that precision, where that provably gives 0.4.0's digits:
 *
 *	- k <= 15 digits, d normal: 15 digits are coarser than half an ulp of a
 *	  double, so the interval that rounds to d holds one 15-digit decimal at
 *	  most; Ryu's is in it, and %.15g, the 15-digit decimal closest to d,
 *	  is that one.
 *	- k = 16 or 17, 0 < |d| < 2^52, d not a power of two: no decimal of 15
 *	  or 16 digits lies on the interval's boundary (its ends are binary
 *	  fractions with more decimal digits than that), so what Ryu found
 *	  shortest is what the search finds first, and Ryu rounds that last
 *	  digit as %g does (no exact tie is possible at 17 digits either).
 *
 * The rest (numbers past 2^52, whose interval ends can be short integers,
 * powers of two, subnormals) take 0.4.0's search itself.
 */
/* d (normal) is 2^n: its mantissa bits are all zero */
static bool
power_of_two(double d)
{
	uint64_t	bits;

	memcpy(&bits, &d, sizeof(bits));
	return (bits & ((UINT64_C(1) << 52) - 1)) == 0;
}

int
adoption_format_double(double d, char *buf)
{
	char		ryu[ADOPTION_DOUBLE_TEXT_MAX];
	char		digits[ADOPTION_DOUBLE_TEXT_MAX];
	const char *p = ryu;
	char	   *out = buf;
	int			len;
	int			nd = 0;
	int			point;
	int			first;
	int			k;
	int			x;
	int			i;

	if (d != 0.0 && fabs(d) >= DBL_MIN)
	{
		len = double_to_shortest_decimal_bufn(d, ryu);
		ryu[len] = '\0';
		if (*p == '-')
			p++;
		/* Ryu writes digits, perhaps a point and more digits, perhaps e */
		for (; *p >= '0' && *p <= '9'; p++)
			digits[nd++] = *p;
		point = nd;
		if (*p == '.')
			for (p++; *p >= '0' && *p <= '9'; p++)
				digits[nd++] = *p;
		x = *p == 'e' ? atoi(p + 1) : 0;
		for (first = 0; first < nd - 1 && digits[first] == '0'; first++)
			;
		while (nd > first + 1 && digits[nd - 1] == '0')
			nd--;
		k = nd - first;
		/* the decimal exponent of the first significant digit */
		x += point - first - 1;
		if (k <= 15 || (fabs(d) < 4503599627370496.0 && !power_of_two(d)))
		{
			int			precision = k > 15 ? k : 15;

			if (d < 0)
				*out++ = '-';
			if (x < -4 || x >= precision)
			{
				*out++ = digits[first];
				if (k > 1)
				{
					*out++ = '.';
					for (i = first + 1; i < nd; i++)
						*out++ = digits[i];
				}
				*out++ = 'e';
				*out++ = x < 0 ? '-' : '+';
				out += put_digits(out, (uint64_t) (x < 0 ? -x : x), 2);
			}
			else if (x >= 0)
			{
				for (i = 0; i <= x; i++)
					*out++ = first + i < nd ? digits[first + i] : '0';
				if (k > x + 1)
				{
					*out++ = '.';
					for (i = first + x + 1; i < nd; i++)
						*out++ = digits[i];
				}
			}
			else
			{
				*out++ = '0';
				*out++ = '.';
				for (i = 0; i < -x - 1; i++)
					*out++ = '0';
				for (i = first; i < nd; i++)
					*out++ = digits[i];
			}
			*out = '\0';
			return (int) (out - buf);
		}
	}
	for (k = fabs(d) < DBL_MIN ? 1 : 15; k <= 17; k++)
	{
		len = snprintf(buf, ADOPTION_DOUBLE_TEXT_MAX, "%.*g", k, d);
		if (k == 17 || strtod(buf, NULL) == d)
			break;
	}
	return len;
}

size_t
adoption_text_size(const AdoptionPeriods *p, size_t size, bool labelled)
{
	/* per period: brackets, commas, a time, k doubles and k counts */
	size_t		bytes = 96 + (size_t) p->nperiods *
		(8 + ADOPTION_TIME_TEXT_MAX + (size_t) p->nseries * (ADOPTION_DOUBLE_TEXT_MAX + 22));

	if (labelled)
	{
		AdoptionLabel label;
		const char *at = adoption_labels_at(p);
		int			i;

		/* a byte escapes to at most six (\u00XX), plus quotes and a comma */
		for (i = 0; i < p->nseries; i++)
		{
			at = adoption_labels_load(at, NULL, &label, 1);
			bytes += 6 * (size_t) label.len + 3;
		}
	}
	if (p->version == ADOPTION_FORMAT_EXACT)
	{
		/* a tail: brackets and its components, within the bytes it takes */
		bytes += size / sizeof(double) * (ADOPTION_DOUBLE_TEXT_MAX + 3);
	}
	return bytes;
}

static char *
put_text(char *out, const char *s)
{
	size_t		len = strlen(s);

	memcpy(out, s, len);
	return out + len;
}

/* the periods of a summary, after the opening of the value */
static char *
write_periods(const AdoptionPeriods *p, size_t size, bool labelled, char *out)
{
	AdoptionTailCursor cursor;
	AdoptionTail tail;
	bool		more;
	int			i;
	int			s;

	adoption_tails_begin(p, size, labelled, &cursor);
	more = adoption_tails_next(&cursor, &tail);
	out = put_text(out, "\"periods\":[");
	for (i = 0; i < p->nperiods; i++)
	{
		if (i > 0)
			*out++ = ',';
		*out++ = '[';
		if (p->kind == ADOPTION_TIME_NUMBER)
			out += adoption_format_double(adoption_key_number(adoption_key(p, i)), out);
		else
		{
			*out++ = '"';
			out += adoption_format_time((AdoptionTimeKind) p->kind, adoption_key(p, i), out);
			*out++ = '"';
		}
		for (s = 0; s < p->nseries; s++)
		{
			*out++ = ',';
			if (more && tail.period == i && tail.series == s)
			{
				int			c;

				*out++ = '[';
				out += adoption_format_double(adoption_sum(p, i, s), out);
				for (c = 0; c < tail.n; c++)
				{
					double		comp;

					memcpy(&comp, &tail.comp[c], sizeof(double));
					*out++ = ',';
					out += adoption_format_double(comp, out);
				}
				*out++ = ']';
				more = adoption_tails_next(&cursor, &tail);
			}
			else
				out += adoption_format_double(adoption_sum(p, i, s), out);
		}
		for (s = 0; s < p->nseries; s++)
		{
			*out++ = ',';
			out += put_digits(out, (uint64_t) adoption_rows(p, i, s), 1);
		}
		*out++ = ']';
	}
	return put_text(out, "]}");
}

/* The header every summary's text starts with. */
static char *
write_header(const AdoptionPeriods *p, char *out)
{
	out = put_text(out, "{\"version\":");
	out += put_digits(out, p->version, 1);
	out = put_text(out, ",\"time\":\"");
	out = put_text(out, adoption_time_kind_name((AdoptionTimeKind) p->kind));
	return put_text(out, "\",");
}

size_t
adoption_text_write(const AdoptionPeriods *p, size_t size, bool labelled, char *buf)
{
	char	   *out = write_header(p, buf);

	if (labelled)
	{
		const char *at = adoption_labels_at(p);
		int			i;

		out = put_text(out, "\"labels\":[");
		for (i = 0; i < p->nseries; i++)
		{
			AdoptionLabel label;
			uint32_t	j;

			at = adoption_labels_load(at, NULL, &label, 1);
			if (i > 0)
				*out++ = ',';
			*out++ = '"';
			for (j = 0; j < label.len; j++)
			{
				unsigned char c = (unsigned char) label.data[j];

				if (c == '"' || c == '\\')
				{
					*out++ = '\\';
					*out++ = (char) c;
				}
				else if (c < 0x20)
				{
					static const char hex[] = "0123456789abcdef";

					out = put_text(out, "\\u00");
					*out++ = hex[c >> 4];
					*out++ = hex[c & 15];
				}
				else
					*out++ = (char) c;
			}
			*out++ = '"';
		}
		out = put_text(out, "],");
	}
	out = write_periods(p, size, labelled, out);
	*out = '\0';
	return (size_t) (out - buf);
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

/* A non-negative integer within int64, without leading zeros. */
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

/* A quoted time of the given kind, exactly as adoption_format_time writes it. */
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
			/* exactly six digits, not all zero: as the writer puts them */
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
	days = adoption_days_from_civil(year, month, day);
	adoption_civil_from_days(days, &check_year, &check_month, &check_day);
	if (check_year != year || check_month != month || check_day != day)
		return false;
	days -= ADOPTION_POSTGRES_EPOCH_DAYS;
	/*
	 * Beyond PostgreSQL's range (4714 BC to 294276 AD) the key check refuses
	 * it; here only what the int64 arithmetic below cannot hold, so that it
	 * never overflows (signed overflow is undefined; the fuzzer found it).
	 */
	if (days < -INT64_MAX / ADOPTION_USECS_PER_DAY + 1 ||
		days > INT64_MAX / ADOPTION_USECS_PER_DAY - 1)
		return false;
	*key = days * ADOPTION_USECS_PER_DAY +
		((hour * INT64_C(60) + minute) * 60 + second) * ADOPTION_USECS_PER_SEC + usec;
	r->s = p;
	return true;
}

/* {"version":<1 or 2>,"time":"<kind>", */
static const char *
read_header(Reader *r, int *version, AdoptionTimeKind *kind_out)
{
	double		v;
	int			kind;

	if (!expect(r, "{") || !expect(r, "\"version\"") || !expect(r, ":") ||
		!read_double(r, &v))
		return "expected {\"version\": <number>, ...";
	if (v != ADOPTION_FORMAT_VERSION && v != ADOPTION_FORMAT_EXACT)
		return "unsupported version";
	*version = (int) v;
	if (!expect(r, ",") || !expect(r, "\"time\"") || !expect(r, ":") || !expect(r, "\""))
		return "expected \"time\": \"<kind>\" after the version";
	for (kind = 0; kind < ADOPTION_TIME_KINDS; kind++)
	{
		const char *name = adoption_time_kind_name((AdoptionTimeKind) kind);
		size_t		len = strlen(name);

		if (strncmp(r->s, name, len) == 0 && r->s[len] == '"')
		{
			r->s += len + 1;
			*kind_out = (AdoptionTimeKind) kind;
			return NULL;
		}
	}
	return "\"time\" must be \"number\", \"timestamptz\", \"timestamp\" or \"date\"";
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

/* Where a parse writes its tails until it knows where they go. */
typedef struct TailBuffer
{
	char	   *data;
	char	   *at;
	uint32_t	count;
} TailBuffer;

/* A sum: a number, or [head, tail, ...] (version 2). */
static const char *
read_sum(Reader *r, int period, int series, int version, double *head, TailBuffer *tails)
{
	double		comp[ADOPTION_EXPANSION_MAX];
	int			n = 0;

	skip_space(r);
	if (*r->s != '[')
		return read_double(r, head) ? NULL : "expected a finite number as the period's value";
	if (version != ADOPTION_FORMAT_EXACT)
		return "an exact sum [head, tail, ...] needs version 2";
	r->s++;
	if (!read_double(r, head))
		return "expected a finite number as the head of an exact sum";
	while (expect(r, ","))
	{
		if (n == ADOPTION_EXPANSION_MAX - 1 || !read_double(r, &comp[n]))
			return "expected a finite number in an exact sum";
		n++;
	}
	if (!expect(r, "]") || n == 0)
		return "an exact sum is [head, tail, ...]";
	tails->at = adoption_tail_write(tails->at, period, series, comp, n);
	tails->count++;
	return NULL;
}

/* ,"periods":[...]} and nothing after, into the entries of p */
static const char *
read_periods(Reader *r, int version, int nseries, AdoptionPeriods *p, int capacity,
			 int max_periods, TailBuffer *tails, bool *too_many)
{
	int			n = 0;

	if (!expect(r, ",") || !expect(r, "\"periods\"") || !expect(r, ":") || !expect(r, "["))
		return "expected \"periods\": [ after the time";
	if (!expect(r, "]"))
	{
		do
		{
			AdoptionSlot *e;
			const char *problem;
			int			s;

			if (n >= max_periods)
			{
				*too_many = true;
				return "too many periods";
			}
			if (n >= capacity)
				return "more periods than the text can hold";
			e = p->slots + (size_t) n * adoption_entry_slots(nseries);
			if (!expect(r, "["))
				return "expected [ to open a period";
			if (p->kind == ADOPTION_TIME_NUMBER)
			{
				double		t;

				if (!read_double(r, &t))
					return "expected a number as the period's time";
				e[0].i = adoption_number_key(t);
			}
			else if (!read_time(r, (AdoptionTimeKind) p->kind, &e[0].i))
				return p->kind == ADOPTION_TIME_DATE ?
					"expected a date \"YYYY-MM-DD\" as the period's time" :
					p->kind == ADOPTION_TIME_TIMESTAMP ?
					"expected a timestamp \"YYYY-MM-DD HH:MM:SS[.ffffff]\" as the period's time" :
					"expected a timestamp \"YYYY-MM-DD HH:MM:SS[.ffffff]+00\" as the period's time";
			for (s = 0; s < nseries; s++)
			{
				if (!expect(r, ","))
					return "expected a finite number as the period's value";
				problem = read_sum(r, n, s, version, &e[1 + s].d, tails);
				if (problem != NULL)
					return problem;
			}
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
	if (version == ADOPTION_FORMAT_EXACT && tails->count == 0)
		return "version 2 is for summaries with exact sums [head, tail, ...]";
	p->nperiods = p->legacy_nsorted = p->legacy_capacity = n;
	return NULL;
}

/* Labels: ,"labels":[...] into labels[], their bytes into label_buf. */
static const char *
read_labels(Reader *r, AdoptionLabel *labels, int max_labels, char *label_buf, int *nlabels,
			bool *too_many)
{
	int			n = 0;

	if (!expect(r, ",") || !expect(r, "\"labels\"") || !expect(r, ":") || !expect(r, "["))
		return "expected \"labels\": [ after the time";
	if (!expect(r, "]"))
	{
		do
		{
			if (n >= max_labels)
			{
				*too_many = true;
				return "too many labels";
			}
			if (!read_string(r, label_buf, &labels[n].len))
				return "expected a label as a JSON string";
			labels[n].data = label_buf;
			label_buf += labels[n].len;
			n++;
		} while (expect(r, ","));
		if (!expect(r, "]"))
			return "expected , or ] after a label";
	}
	if (!adoption_labels_canonical(labels, n))
		return "labels not in strictly increasing order";
	*nlabels = n;
	return NULL;
}

void
adoption_text_read(const char *text, int nseries, bool labelled, int max_periods,
				   int max_labels, const AdoptionMemory *mem, AdoptionTextRead *result)
{
	Reader		r = {text};
	size_t		len = strlen(text);
	size_t		brackets = 0;
	size_t		commas = 0;
	size_t		capacity;
	size_t		labels_size = 0;
	size_t		bound;
	AdoptionLabel *labels = NULL;
	char	   *label_buf = NULL;
	TailBuffer	tails = {NULL, NULL, 0};
	AdoptionPeriods *p = NULL;
	AdoptionTimeKind kind;
	int			version;
	int			nlabels = 0;
	const char *c;

	memset(result, 0, sizeof(*result));
	result->problem = read_header(&r, &version, &kind);
	if (result->problem != NULL)
		return;
	if (labelled)
	{
		/* a label takes at least "" and a comma */
		size_t		most = len / 3 + 1 < (size_t) max_labels ? len / 3 + 1 : (size_t) max_labels;

		labels = mem->alloc(mem->arg, sizeof(AdoptionLabel) * (most + 1));
		label_buf = mem->alloc(mem->arg, len + 1);
		result->problem = read_labels(&r, labels, max_labels, label_buf, &nlabels,
									  &result->too_many_labels);
		if (result->problem != NULL)
			goto done;
		nseries = nlabels;
		labels_size = adoption_labels_size(labels, nlabels);
	}
	/* bounds: a period opens a bracket and holds 2 * nseries commas */
	for (c = r.s; *c; c++)
	{
		brackets += *c == '[';
		commas += *c == ',';
	}
	capacity = brackets;
	if (nseries > 0 && commas / (2 * (size_t) nseries) + 1 < capacity)
		capacity = commas / (2 * (size_t) nseries) + 1;
	if (capacity > (size_t) max_periods + 1)
		capacity = (size_t) max_periods + 1;
	tails.data = tails.at = mem->alloc(mem->arg, adoption_tails_size(brackets, commas) + 1);
	bound = adoption_entries_size(nseries, (int64_t) capacity) + labels_size;
	p = mem->alloc(mem->arg, bound);
	adoption_periods_init(p, kind, nseries, 0, version == ADOPTION_FORMAT_EXACT);
	result->problem = read_periods(&r, version, nseries, p, (int) capacity, max_periods,
								   &tails, &result->too_many_periods);
	if (result->problem != NULL)
		goto done;
	/* the parts in their places: entries, labels, tails */
	result->size = adoption_entries_size(nseries, p->nperiods) + labels_size;
	if (tails.count > 0)
	{
		size_t		at = adoption_tails_offset(result->size);
		size_t		bytes = (size_t) (tails.at - tails.data);
		AdoptionPeriods *whole = mem->alloc(mem->arg, at + ADOPTION_TAILS_HEADER + bytes);

		memcpy(whole, p, adoption_entries_size(nseries, p->nperiods));
		if (labelled)
			adoption_labels_store(adoption_labels_at(whole), labels, nlabels);
		memset((char *) whole + result->size, 0, at - result->size);
		adoption_tails_start((char *) whole + at, tails.count);
		memcpy((char *) whole + at + ADOPTION_TAILS_HEADER, tails.data, bytes);
		mem->free(mem->arg, p);
		p = whole;
		result->size = at + ADOPTION_TAILS_HEADER + bytes;
	}
	else if (labelled)
		adoption_labels_store(adoption_labels_at(p), labels, nlabels);
	result->summary = p;
	p = NULL;
done:
	if (p != NULL)
		mem->free(mem->arg, p);
	if (tails.data != NULL)
		mem->free(mem->arg, tails.data);
	if (labels != NULL)
		mem->free(mem->arg, labels);
	if (label_buf != NULL)
		mem->free(mem->arg, label_buf);
}
