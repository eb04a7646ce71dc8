/*
 * binary.c
 *	  The binary form of summaries.
 */
#include "binary.h"

#include <string.h>

#include "exact.h"

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

/* Bytes before the periods: the fixed header, or a market's and its labels. */
static size_t
head_size(const AdoptionPeriods *p, bool labelled)
{
	if (!labelled)
		return 3;
	return 4 + (size_t) (adoption_labels_end(p, true) - adoption_labels_at(p));
}

size_t
adoption_binary_size(const AdoptionPeriods *p, size_t size, bool labelled)
{
	size_t		bytes = head_size(p, labelled) + 4 +
		(size_t) p->nperiods * adoption_entry_slots(p->nseries) * 8;

	if (p->version == ADOPTION_FORMAT_EXACT)
	{
		AdoptionTailCursor c;
		AdoptionTail t;

		adoption_tails_begin(p, size, labelled, &c);
		bytes += 4;
		while (adoption_tails_next(&c, &t))
			bytes += 8 + 8 * (size_t) t.n;
	}
	return bytes;
}

void
adoption_binary_write(const AdoptionPeriods *p, size_t size, bool labelled, unsigned char *buf)
{
	size_t		slots = (size_t) p->nperiods * adoption_entry_slots(p->nseries);
	size_t		i;

	buf[0] = p->version;
	buf[1] = p->kind;
	if (!labelled)
	{
		buf[2] = (unsigned char) p->nseries;
		buf += 3;
	}
	else
	{
		const char *at = adoption_labels_at(p);
		int			l;

		buf[2] = (unsigned char) (p->nseries >> 8);
		buf[3] = (unsigned char) p->nseries;
		buf += 4;
		for (l = 0; l < p->nseries; l++)
		{
			AdoptionLabel label;

			at = adoption_labels_load(at, NULL, &label, 1);
			put_u32(buf, label.len);
			memcpy(buf + 4, label.data, label.len);
			buf += 4 + label.len;
		}
	}
	put_u32(buf, (uint32_t) p->nperiods);
	buf += 4;
	/* every slot is 8 bytes: keys and counts as integers, sums as IEEE doubles */
	for (i = 0; i < slots; i++)
		put_u64(buf + 8 * i, (uint64_t) p->slots[i].i);
	buf += 8 * slots;
	if (p->version == ADOPTION_FORMAT_EXACT)
	{
		AdoptionTailCursor c;
		AdoptionTail t;

		adoption_tails_begin(p, size, labelled, &c);
		put_u32(buf, c.left);
		buf += 4;
		while (adoption_tails_next(&c, &t))
		{
			int			k;

			put_u32(buf, (uint32_t) t.period);
			buf[4] = (unsigned char) (t.series >> 8);
			buf[5] = (unsigned char) t.series;
			buf[6] = (unsigned char) (t.n >> 8);
			buf[7] = (unsigned char) t.n;
			buf += 8;
			for (k = 0; k < t.n; k++)
			{
				uint64_t	bits;

				memcpy(&bits, &t.comp[k], sizeof(bits));
				put_u64(buf, bits);
				buf += 8;
			}
		}
	}
}

void
adoption_binary_read(const unsigned char *buf, size_t len, int nseries, bool labelled,
					 int max_periods, int max_labels, const AdoptionMemory *mem,
					 AdoptionBinaryRead *result)
{
	size_t		at;
	size_t		labels_at = 0;
	size_t		labels_size = 0;
	size_t		slots;
	size_t		tails_at;
	size_t		size;
	uint32_t	n;
	uint32_t	ntails = 0;
	size_t		components = 0;
	AdoptionPeriods *p;
	size_t		i;
	int			l;

	memset(result, 0, sizeof(*result));
	if (len < (labelled ? 4u : 3u))
	{
		result->problem = "too short for a header";
		return;
	}
	if (buf[0] != ADOPTION_FORMAT_VERSION && buf[0] != ADOPTION_FORMAT_EXACT)
	{
		result->problem = "unsupported format version";
		return;
	}
	if (buf[1] >= ADOPTION_TIME_KINDS)
	{
		result->problem = "unknown kind of time";
		return;
	}
	if (!labelled)
	{
		if (buf[2] != nseries)
		{
			result->problem = "wrong number of series";
			return;
		}
		at = 3;
	}
	else
	{
		nseries = (buf[2] << 8) | buf[3];
		if (nseries > max_labels)
		{
			result->problem = "too many labels";
			result->too_many_labels = true;
			return;
		}
		at = 4;
		labels_at = at;
		for (l = 0; l < nseries; l++)
		{
			uint32_t	llen;

			if (len - at < 4)
			{
				result->problem = "label length past the end";
				return;
			}
			llen = get_u32(buf + at);
			if (llen > len - at - 4)
			{
				result->problem = "label past the end";
				return;
			}
			at += 4 + llen;
			labels_size += 4 + llen;
		}
	}
	if (len - at < 4)
	{
		result->problem = "period count past the end";
		return;
	}
	n = get_u32(buf + at);
	at += 4;
	slots = (size_t) n * adoption_entry_slots(nseries);
	/* the count must match the bytes that follow, exactly */
	if ((len - at) / 8 < slots ||
		(buf[0] == ADOPTION_FORMAT_VERSION && len - at != 8 * slots))
	{
		result->problem = "period count does not match the length";
		return;
	}
	tails_at = at + 8 * slots;
	if (buf[0] == ADOPTION_FORMAT_EXACT)
	{
		size_t		t = tails_at;
		uint32_t	k;

		if (len - t < 4)
		{
			result->problem = "tail count past the end";
			return;
		}
		ntails = get_u32(buf + t);
		t += 4;
		for (k = 0; k < ntails; k++)
		{
			size_t		ncomp;

			if (len - t < 8)
			{
				result->problem = "tail past the end";
				return;
			}
			ncomp = ((size_t) buf[t + 6] << 8) | buf[t + 7];
			if ((len - t - 8) / 8 < ncomp)
			{
				result->problem = "tail past the end";
				return;
			}
			t += 8 + 8 * ncomp;
			components += ncomp;
		}
		if (t != len)
		{
			result->problem = "tails do not match the length";
			return;
		}
	}
	if (n > (uint32_t) max_periods)
	{
		result->problem = "too many periods";
		result->too_many_periods = true;
		return;
	}
	if (buf[0] == ADOPTION_FORMAT_EXACT && ntails == 0)
	{
		result->problem = "version 2 is for summaries with exact sums";
		return;
	}
	size = adoption_entries_size(nseries, n) + labels_size;
	if (ntails > 0)
		size = adoption_tails_offset(size) + adoption_tails_size(ntails, (int64_t) components);
	p = mem->alloc(mem->arg, size);
	memset(p, 0, size);
	adoption_periods_init(p, (AdoptionTimeKind) buf[1], nseries, (int) n,
						  buf[0] == ADOPTION_FORMAT_EXACT);
	for (i = 0; i < slots; i++)
		p->slots[i].i = (int64_t) get_u64(buf + at + 8 * i);
	if (labelled)
	{
		char	   *to = adoption_labels_at(p);
		size_t		from = labels_at;

		for (l = 0; l < nseries; l++)
		{
			uint32_t	llen = get_u32(buf + from);

			memcpy(to, &llen, sizeof(uint32_t));
			memcpy(to + 4, buf + from + 4, llen);
			to += 4 + llen;
			from += 4 + llen;
		}
	}
	if (buf[0] == ADOPTION_FORMAT_EXACT)
	{
		char	   *out = (char *) p + adoption_tails_offset(adoption_entries_size(nseries, n) +
															 labels_size);
		size_t		t = tails_at + 4;
		uint32_t	k;

		adoption_tails_start(out, ntails);
		out += ADOPTION_TAILS_HEADER;
		for (k = 0; k < ntails; k++)
		{
			double		comp[ADOPTION_EXPANSION_MAX];
			int32_t		period = (int32_t) get_u32(buf + t);
			int			series = (buf[t + 4] << 8) | buf[t + 5];
			int			ncomp = (buf[t + 6] << 8) | buf[t + 7];
			int			c;

			t += 8;
			if (ncomp > (int) (sizeof(comp) / sizeof(comp[0])))
			{
				mem->free(mem->arg, p);
				result->problem = "exact sum not in canonical form";
				return;
			}
			for (c = 0; c < ncomp; c++)
			{
				uint64_t	bits = get_u64(buf + t + 8 * (size_t) c);

				memcpy(&comp[c], &bits, sizeof(double));
			}
			out = adoption_tail_write(out, period, series, comp, ncomp);
			t += 8 * (size_t) ncomp;
		}
	}
	result->summary = p;
	result->size = size;
}
