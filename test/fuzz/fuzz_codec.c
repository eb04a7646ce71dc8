/*
 * fuzz_codec.c
 *	  libFuzzer harness over the core's text and binary decoders.
 *
 * The first byte chooses the decoder (bit 1: binary, else text) and the
 * type (bit 2: market, else bit 0: rivalry, else trend); the rest is the
 * input.  Whatever the
 * input, decoding must not crash or read out of bounds (AddressSanitizer),
 * must not hit undefined behaviour (UndefinedBehaviorSanitizer), and a value
 * that decodes and checks out must round-trip exactly: text back to equal
 * bytes in memory, binary back to the very same bytes.
 *
 * Build and run: make fuzz (clang-14 from Debian, with libclang-rt-14-dev).
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "codec.h"
#include "period.h"

/* more than any input of the fuzzer's sizes can name, less than memory */
#define MAX_CAPACITY 100000

static void
check_text(const char *text, int nseries)
{
	int			capacity = adoption_json_max_periods(text);
	AdoptionPeriods *p;
	AdoptionPeriods *again;
	char	   *out;
	size_t		bytes;

	if (capacity > MAX_CAPACITY)
		return;
	p = malloc(adoption_periods_size(nseries, capacity));
	if (adoption_json_read(text, nseries, p, capacity) == NULL &&
		adoption_periods_check(p, nseries) == ADOPTION_CHECK_OK)
	{
		bytes = adoption_periods_size(nseries, p->nperiods);
		out = malloc(adoption_json_size(p));
		if (adoption_json_write(p, out) >= adoption_json_size(p))
			abort();
		again = malloc(adoption_periods_size(nseries, adoption_json_max_periods(out)));
		if (adoption_json_read(out, nseries, again, adoption_json_max_periods(out)) != NULL ||
			adoption_periods_check(again, nseries) != ADOPTION_CHECK_OK ||
			memcmp((char *) p + sizeof(int32_t), (char *) again + sizeof(int32_t),
				   bytes - sizeof(int32_t)) != 0)
			abort();
		free(again);
		free(out);
	}
	free(p);
}

static void
check_binary(const unsigned char *data, size_t size, int nseries)
{
	int			capacity = adoption_binary_max_periods(size, nseries);
	AdoptionPeriods *p;

	if (capacity > MAX_CAPACITY)
		return;
	p = malloc(adoption_periods_size(nseries, capacity));
	if (adoption_binary_read(data, size, nseries, p, capacity) == NULL &&
		adoption_periods_check(p, nseries) == ADOPTION_CHECK_OK)
	{
		unsigned char *out = malloc(adoption_binary_size(p));

		if (adoption_binary_size(p) != size)
			abort();
		adoption_binary_write(p, out);
		if (memcmp(out, data, size) != 0)
			abort();
		free(out);
	}
	free(p);
}

/* A market: labels first, then the periods with one series per label. */
static void
check_market_text(const char *text)
{
	size_t		len = strlen(text);
	int			max_labels = (int) (len / 2 + 1);
	AdoptionLabel *labels = malloc(sizeof(AdoptionLabel) * max_labels);
	char	   *label_buf = malloc(len + 1);
	int			capacity = adoption_json_max_periods(text);
	AdoptionTimeKind kind;
	const char *periods_at;
	int			n;

	if (capacity <= MAX_CAPACITY &&
		adoption_market_json_read_labels(text, labels, max_labels, label_buf, &n, &kind,
										 &periods_at) == NULL &&
		(size_t) n * (size_t) capacity <= MAX_CAPACITY)
	{
		AdoptionPeriods *p = malloc(adoption_periods_size(n, capacity));

		if (adoption_market_json_read_periods(periods_at, kind, n, p, capacity) == NULL &&
			adoption_periods_check(p, n) == ADOPTION_CHECK_OK)
		{
			char	   *out = malloc(adoption_market_json_size(p, labels));
			size_t		written = adoption_market_json_write(p, labels, out);

			if (written >= adoption_market_json_size(p, labels))
				abort();
			/* the text written reads back to the very same text */
			{
				AdoptionLabel *again = malloc(sizeof(AdoptionLabel) * (n + 1));
				char	   *again_buf = malloc(written + 1);
				int			again_n;
				AdoptionPeriods *q = malloc(adoption_periods_size(n, p->nperiods + 1));
				char	   *out2;

				if (adoption_market_json_read_labels(out, again, n + 1, again_buf, &again_n, &kind,
													 &periods_at) != NULL || again_n != n ||
					adoption_market_json_read_periods(periods_at, kind, n, q, p->nperiods + 1) != NULL)
					abort();
				out2 = malloc(adoption_market_json_size(q, again));
				adoption_market_json_write(q, again, out2);
				if (strcmp(out, out2) != 0)
					abort();
				free(out2);
				free(q);
				free(again_buf);
				free(again);
			}
			free(out);
		}
		free(p);
	}
	free(label_buf);
	free(labels);
}

static void
check_market_binary(const unsigned char *data, size_t size)
{
	int			max_labels = (int) (size / 4 + 1);
	AdoptionLabel *labels = malloc(sizeof(AdoptionLabel) * max_labels);
	AdoptionTimeKind kind;
	size_t		at;
	int			n;

	if (adoption_market_binary_read_labels(data, size, labels, max_labels, &n, &kind, &at) == NULL)
	{
		int			capacity = (int) ((size - at) / ((size_t) (1 + 2 * n) * 8));
		AdoptionPeriods *p = malloc(adoption_periods_size(n, capacity));

		if (adoption_market_binary_read_periods(data + at, size - at, kind, n, p, capacity) == NULL &&
			adoption_periods_check(p, n) == ADOPTION_CHECK_OK)
		{
			unsigned char *out = malloc(adoption_market_binary_size(p, labels));

			if (adoption_market_binary_size(p, labels) != size)
				abort();
			adoption_market_binary_write(p, labels, out);
			if (memcmp(out, data, size) != 0)
				abort();
			free(out);
		}
		free(p);
	}
	free(labels);
}

int			LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	int			nseries;

	if (size < 1)
		return 0;
	nseries = (data[0] & 1) ? 2 : 1;
	if ((data[0] & 4) && (data[0] & 2))
		check_market_binary(data + 1, size - 1);
	else if (data[0] & 4)
	{
		char	   *text = malloc(size);

		memcpy(text, data + 1, size - 1);
		text[size - 1] = '\0';
		check_market_text(text);
		free(text);
	}
	else if (data[0] & 2)
		check_binary(data + 1, size - 1, nseries);
	else
	{
		char	   *text = malloc(size);

		memcpy(text, data + 1, size - 1);
		text[size - 1] = '\0';
		check_text(text, nseries);
		free(text);
	}
	return 0;
}
