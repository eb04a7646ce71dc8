/*
 * periods.c
 *	  The canonical period table: labels and tails sections, checks.
 */
#include "periods.h"

#include <math.h>
#include <string.h>

#include "exact.h"

int64_t
adoption_period_rows(const AdoptionPeriods *p, int i)
{
	int64_t		total = 0;
	int			s;

	for (s = 0; s < p->nseries; s++)
		total += adoption_rows(p, i, s);
	return total;
}

const char *
adoption_labels_end(const AdoptionPeriods *p, bool labelled)
{
	const char *at = adoption_labels_at(p);
	int			i;

	if (!labelled)
		return at;
	for (i = 0; i < p->nseries; i++)
	{
		uint32_t	len;

		memcpy(&len, at, sizeof(uint32_t));
		at += sizeof(uint32_t) + len;
	}
	return at;
}

void
adoption_tails_begin(const AdoptionPeriods *p, size_t size, bool labelled,
					 AdoptionTailCursor *c)
{
	size_t		at;

	c->left = 0;
	if (p->version != ADOPTION_FORMAT_EXACT)
		return;
	at = adoption_tails_offset((size_t) (adoption_labels_end(p, labelled) - (const char *) p));
	if (at + ADOPTION_TAILS_HEADER > size)
		return;
	memcpy(&c->left, (const char *) p + at, sizeof(uint32_t));
	c->at = (const char *) p + at + ADOPTION_TAILS_HEADER;
	c->end = (const char *) p + size;
}

bool
adoption_tails_next(AdoptionTailCursor *c, AdoptionTail *t)
{
	uint16_t	series;
	uint16_t	n;

	if (c->left == 0 || c->end - c->at < ADOPTION_TAIL_RECORD)
		return false;
	memcpy(&t->period, c->at, sizeof(int32_t));
	memcpy(&series, c->at + 4, sizeof(uint16_t));
	memcpy(&n, c->at + 6, sizeof(uint16_t));
	if ((size_t) (c->end - c->at - ADOPTION_TAIL_RECORD) < (size_t) n * sizeof(double))
		return false;
	t->series = series;
	t->n = n;
	t->comp = (const double *) (c->at + ADOPTION_TAIL_RECORD);
	c->at += ADOPTION_TAIL_RECORD + (size_t) n * sizeof(double);
	c->left--;
	return true;
}

uint32_t
adoption_tails_count(const AdoptionPeriods *p, size_t size, bool labelled)
{
	AdoptionTailCursor c;

	adoption_tails_begin(p, size, labelled, &c);
	return c.left;
}

void
adoption_tails_start(char *at, uint32_t count)
{
	uint32_t	zero = 0;

	memcpy(at, &count, sizeof(uint32_t));
	memcpy(at + 4, &zero, sizeof(uint32_t));
}

char *
adoption_tail_write(char *at, int32_t period, int series, const double *comp, int n)
{
	uint16_t	s = (uint16_t) series;
	uint16_t	len = (uint16_t) n;

	memcpy(at, &period, sizeof(int32_t));
	memcpy(at + 4, &s, sizeof(uint16_t));
	memcpy(at + 6, &len, sizeof(uint16_t));
	memcpy(at + ADOPTION_TAIL_RECORD, comp, (size_t) n * sizeof(double));
	return at + ADOPTION_TAIL_RECORD + (size_t) n * sizeof(double);
}

/* The tails of periods [from, to): how many records and components. */
static void
slice_tails(const AdoptionPeriods *p, size_t size, bool labelled, int from, int to,
			int64_t *records, int64_t *components)
{
	AdoptionTailCursor c;
	AdoptionTail t;

	*records = *components = 0;
	adoption_tails_begin(p, size, labelled, &c);
	while (adoption_tails_next(&c, &t))
		if (t.period >= from && t.period < to)
		{
			(*records)++;
			*components += t.n;
		}
}

size_t
adoption_periods_slice_size(const AdoptionPeriods *p, size_t size, bool labelled, int from, int to)
{
	size_t		labels = (size_t) (adoption_labels_end(p, labelled) - adoption_labels_at(p));
	size_t		end = adoption_entries_size(p->nseries, to - from) + labels;
	int64_t		records;
	int64_t		components;

	slice_tails(p, size, labelled, from, to, &records, &components);
	if (records == 0)
		return end;
	return adoption_tails_offset(end) + adoption_tails_size(records, components);
}

void
adoption_periods_slice(const AdoptionPeriods *p, size_t size, bool labelled, int from, int to,
					   AdoptionPeriods *dst)
{
	size_t		labels = (size_t) (adoption_labels_end(p, labelled) - adoption_labels_at(p));
	int64_t		records;
	int64_t		components;
	char	   *at;

	slice_tails(p, size, labelled, from, to, &records, &components);
	adoption_periods_init(dst, (AdoptionTimeKind) p->kind, p->nseries, to - from, records > 0);
	memcpy(dst->slots, adoption_entry(p, from),
		   adoption_entries_size(p->nseries, to - from) - ADOPTION_HEADER_SIZE);
	memcpy(adoption_labels_at(dst), adoption_labels_at(p), labels);
	if (records > 0)
	{
		AdoptionTailCursor c;
		AdoptionTail t;
		size_t		end = (size_t) (adoption_labels_at(dst) + labels - (char *) dst);

		at = (char *) dst + adoption_tails_offset(end);
		memset((char *) dst + end, 0, adoption_tails_offset(end) - end);
		adoption_tails_start(at, (uint32_t) records);
		at += ADOPTION_TAILS_HEADER;
		adoption_tails_begin(p, size, labelled, &c);
		while (adoption_tails_next(&c, &t))
			if (t.period >= from && t.period < to)
				at = adoption_tail_write(at, t.period - from, t.series, t.comp, t.n);
	}
}

void
adoption_periods_init(AdoptionPeriods *p, AdoptionTimeKind kind, int nseries, int nperiods,
					  bool exact)
{
	memset(p, 0, ADOPTION_HEADER_SIZE);
	p->version = exact ? ADOPTION_FORMAT_EXACT : ADOPTION_FORMAT_VERSION;
	p->kind = (uint8_t) kind;
	p->nseries = (uint16_t) nseries;
	p->nperiods = nperiods;
	p->legacy_nsorted = nperiods;
	p->legacy_capacity = nperiods;
}

/* The labels: within size, no zero byte, sorted and unique. */
static AdoptionCheck
check_labels(const AdoptionPeriods *p, size_t size, const char **end)
{
	const char *at = adoption_labels_at(p);
	const char *limit = (const char *) p + size;
	AdoptionLabel prev = {NULL, 0};
	int			i;

	for (i = 0; i < p->nseries; i++)
	{
		AdoptionLabel label;

		at = adoption_labels_load(at, limit, &label, 1);
		if (at == NULL)
			return ADOPTION_CHECK_SIZE;
		if (memchr(label.data, 0, label.len) != NULL ||
			(i > 0 && adoption_label_cmp(&prev, &label) >= 0))
			return ADOPTION_CHECK_LABELS;
		prev = label;
	}
	*end = at;
	return ADOPTION_CHECK_OK;
}

/* The tails: ordered, in range, each making a canonical expansion with its head. */
static AdoptionCheck
check_tails(const AdoptionPeriods *p, size_t size, const char *labels_end)
{
	size_t		at = adoption_tails_offset((size_t) (labels_end - (const char *) p));
	AdoptionTailCursor c;
	AdoptionTail t;
	int64_t		prev = -1;
	uint32_t	count;
	uint32_t	zero;
	size_t		i;

	if (p->version == ADOPTION_FORMAT_VERSION)
		return (size_t) (labels_end - (const char *) p) == size ?
			ADOPTION_CHECK_OK : ADOPTION_CHECK_SIZE;
	/* the padding before the section is zero, the section fills the rest */
	for (i = (size_t) (labels_end - (const char *) p); i < at && i < size; i++)
		if (((const char *) p)[i] != 0)
			return ADOPTION_CHECK_TAILS;
	if (at + ADOPTION_TAILS_HEADER > size)
		return ADOPTION_CHECK_SIZE;
	memcpy(&count, (const char *) p + at, sizeof(uint32_t));
	memcpy(&zero, (const char *) p + at + 4, sizeof(uint32_t));
	if (count == 0 || zero != 0)
		return ADOPTION_CHECK_TAILS;
	c.left = count;
	c.at = (const char *) p + at + ADOPTION_TAILS_HEADER;
	c.end = (const char *) p + size;
	while (adoption_tails_next(&c, &t))
	{
		double		exp[ADOPTION_EXPANSION_MAX];
		int64_t		slot = (int64_t) t.period * p->nseries + t.series;

		if (t.period < 0 || t.period >= p->nperiods || t.series >= p->nseries ||
			slot <= prev || t.n < 1 || t.n >= ADOPTION_EXPANSION_MAX)
			return ADOPTION_CHECK_TAILS;
		prev = slot;
		exp[0] = adoption_sum(p, t.period, t.series);
		memcpy(exp + 1, t.comp, (size_t) t.n * sizeof(double));
		if (exp[0] == 0.0 || !adoption_expansion_canonical(exp, t.n + 1))
			return ADOPTION_CHECK_TAILS;
	}
	if (c.left != 0 || c.at != c.end)
		return ADOPTION_CHECK_SIZE;
	return ADOPTION_CHECK_OK;
}

AdoptionCheck
adoption_periods_check(const AdoptionPeriods *p, size_t size, int nseries, bool labelled)
{
	const char *labels_end;
	AdoptionCheck check;
	int			i;
	int			s;

	if (size < ADOPTION_HEADER_SIZE)
		return ADOPTION_CHECK_SIZE;
	if ((p->version != ADOPTION_FORMAT_VERSION && p->version != ADOPTION_FORMAT_EXACT) ||
		p->legacy_nsorted != p->nperiods || p->legacy_capacity != p->nperiods ||
		p->legacy_scale_for != 0 || p->legacy_scale != 0.0 || signbit(p->legacy_scale))
		return ADOPTION_CHECK_VERSION;
	if (p->kind >= ADOPTION_TIME_KINDS)
		return ADOPTION_CHECK_KIND;
	if (!labelled && p->nseries != nseries)
		return ADOPTION_CHECK_SERIES;
	if (p->nperiods < 0 || adoption_entries_size(p->nseries, p->nperiods) > size)
		return ADOPTION_CHECK_COUNT;
	for (i = 0; i < p->nperiods; i++)
	{
		int64_t		total_rows = 0;

		if (!adoption_key_valid((AdoptionTimeKind) p->kind, adoption_key(p, i)))
			return ADOPTION_CHECK_KEY;
		if (i > 0 && adoption_key(p, i - 1) >= adoption_key(p, i))
			return ADOPTION_CHECK_ORDER;
		for (s = 0; s < p->nseries; s++)
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
	labels_end = adoption_labels_at(p);
	if (labelled)
	{
		check = check_labels(p, size, &labels_end);
		if (check != ADOPTION_CHECK_OK)
			return check;
	}
	return check_tails(p, size, labels_end);
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
		case ADOPTION_CHECK_LABELS:
			return "labels not in strictly increasing order, or with a zero byte";
		case ADOPTION_CHECK_TAILS:
			return "exact sum not in canonical form";
		case ADOPTION_CHECK_SIZE:
			return "length does not match the contents";
	}
	return "unknown problem";
}
