/*
 * fuzz_codec.c
 *	  libFuzzer harness over the core's text and binary decoders.
 *
 * The first byte chooses the decoder (bit 1: binary, else text) and the
 * type (bit 2: market, else bit 0: rivalry, else trend); the rest is the
 * input.  Whatever the input, decoding must not crash or read out of bounds
 * (AddressSanitizer), must not hit undefined behaviour
 * (UndefinedBehaviorSanitizer), and a value that decodes and checks out
 * must:
 *	- write a text that reads back to the same bytes, and a binary form that
 *	  reads back to the same bytes (and, read from binary, is those bytes);
 *	- be canonical: added to an empty working table, it flattens back to
 *	  itself, byte for byte (src/core/work.h).
 *
 * Build and run: make fuzz (clang-14 from Debian, with libclang-rt-14-dev).
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "binary.h"
#include "periods.h"
#include "text.h"
#include "work.h"

#include "support.h"

/* more than any input of the fuzzer's sizes can name, less than memory */
#define MAX_PERIODS 100000
#define MAX_LABELS 1000

/* Same bytes after the length word. */
static bool
same(const AdoptionPeriods *a, size_t asize, const AdoptionPeriods *b, size_t bsize)
{
	return asize == bsize &&
		memcmp((const char *) a + 4, (const char *) b + 4, asize - 4) == 0;
}

/* A valid summary added to empty working tables flattens back to itself. */
static void
check_canonical(const AdoptionPeriods *p, size_t size, int nseries, bool labelled)
{
	if (!labelled)
	{
		AdoptionWork w;
		size_t		flat_size;
		AdoptionPeriods *q;

		adoption_work_init(&w, &test_memory, (AdoptionTimeKind) p->kind, nseries, MAX_PERIODS);
		if (adoption_work_add_summary(&w, p, size, false, NULL, 1) != ADOPTION_OK ||
			adoption_work_flat_size(&w, &flat_size) != ADOPTION_OK)
			abort();
		q = malloc(flat_size);
		adoption_work_flatten(&w, q);
		if (!same(p, size, q, flat_size))
			abort();
		free(q);
		adoption_work_free(&w);
	}
	else
	{
		int			n = p->nseries;
		AdoptionWork *works = malloc(sizeof(AdoptionWork) * (n > 0 ? n : 1));
		AdoptionWork **order = malloc(sizeof(AdoptionWork *) * (n > 0 ? n : 1));
		int		   *map = malloc(sizeof(int) * (n > 0 ? n : 1));
		size_t		labels_size = (size_t) (adoption_labels_end(p, true) - adoption_labels_at(p));
		AdoptionMarketPlan plan;
		AdoptionPeriods *q;
		int			l;

		for (l = 0; l < n; l++)
			map[l] = -1;
		for (l = 0; l < n; l++)
		{
			size_t		s;

			adoption_work_init(&works[l], &test_memory, (AdoptionTimeKind) p->kind, 1, MAX_PERIODS);
			map[l] = 0;
			if (adoption_work_add_summary(&works[l], p, size, true, map, 1) != ADOPTION_OK ||
				adoption_work_flat_size(&works[l], &s) != ADOPTION_OK)
				abort();
			map[l] = -1;
			order[l] = &works[l];
		}
		if (n > 0)
		{
			adoption_market_plan(order, n, labels_size, &test_memory, &plan);
			q = calloc(1, plan.size);
			adoption_market_flatten(order, n, &plan, q);
			memcpy(adoption_labels_at(q), adoption_labels_at(p), labels_size);
			if (!same(p, size, q, plan.size))
				abort();
			free(q);
			free(plan.keys);
		}
		for (l = 0; l < n; l++)
			adoption_work_free(&works[l]);
		free(works);
		free(order);
		free(map);
	}
}

static void
check_round_trips(const AdoptionPeriods *p, size_t size, int nseries, bool labelled)
{
	char	   *text = malloc(adoption_text_size(p, size, labelled));
	size_t		len = adoption_text_write(p, size, labelled, text);
	unsigned char *bin;
	AdoptionTextRead tr;
	AdoptionBinaryRead br;

	if (len >= adoption_text_size(p, size, labelled))
		abort();
	adoption_text_read(text, nseries, labelled, MAX_PERIODS, MAX_LABELS, &test_memory, &tr);
	if (tr.problem != NULL || !same(p, size, tr.summary, tr.size))
		abort();
	free(tr.summary);
	free(text);

	bin = malloc(adoption_binary_size(p, size, labelled));
	adoption_binary_write(p, size, labelled, bin);
	adoption_binary_read(bin, adoption_binary_size(p, size, labelled), nseries, labelled,
						 MAX_PERIODS, MAX_LABELS, &test_memory, &br);
	if (br.problem != NULL || !same(p, size, br.summary, br.size))
		abort();
	free(br.summary);
	free(bin);
}

static void
check_text(const char *text, int nseries, bool labelled)
{
	AdoptionTextRead r;

	adoption_text_read(text, nseries, labelled, MAX_PERIODS, MAX_LABELS, &test_memory, &r);
	if (r.problem != NULL)
		return;
	if (adoption_periods_check(r.summary, r.size, nseries, labelled) == ADOPTION_CHECK_OK)
	{
		check_round_trips(r.summary, r.size, nseries, labelled);
		check_canonical(r.summary, r.size, labelled ? r.summary->nseries : nseries, labelled);
	}
	free(r.summary);
}

static void
check_binary(const unsigned char *data, size_t size, int nseries, bool labelled)
{
	AdoptionBinaryRead r;

	adoption_binary_read(data, size, nseries, labelled, MAX_PERIODS, MAX_LABELS, &test_memory, &r);
	if (r.problem != NULL)
		return;
	if (adoption_periods_check(r.summary, r.size, nseries, labelled) == ADOPTION_CHECK_OK)
	{
		unsigned char *out = malloc(adoption_binary_size(r.summary, r.size, labelled));

		/* binary is canonical: a valid input is exactly what we write */
		if (adoption_binary_size(r.summary, r.size, labelled) != size)
			abort();
		adoption_binary_write(r.summary, r.size, labelled, out);
		if (memcmp(out, data, size) != 0)
			abort();
		free(out);
		check_round_trips(r.summary, r.size, nseries, labelled);
		check_canonical(r.summary, r.size, labelled ? r.summary->nseries : nseries, labelled);
	}
	free(r.summary);
}

int			LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	bool		labelled;
	int			nseries;

	if (size < 1)
		return 0;
	labelled = (data[0] & 4) != 0;
	nseries = labelled ? 0 : (data[0] & 1) ? 2 : 1;
	if (data[0] & 2)
		check_binary(data + 1, size - 1, nseries, labelled);
	else
	{
		char	   *text = malloc(size);

		memcpy(text, data + 1, size - 1);
		text[size - 1] = '\0';
		check_text(text, nseries, labelled);
		free(text);
	}
	return 0;
}
