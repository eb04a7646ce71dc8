/*
 * support.h
 *	  What the core's unit tests and its fuzzer share: malloc as the core's
 *	  allocator, and a seeded random number generator.
 */
#ifndef ADOPTION_TEST_SUPPORT_H
#define ADOPTION_TEST_SUPPORT_H

#include <stdint.h>
#include <stdlib.h>

#include "work.h"

static __attribute__((unused)) void *
test_alloc(void *arg, size_t size)
{
	void	   *p = malloc(size > 0 ? size : 1);

	(void) arg;
	if (p == NULL)
		abort();
	return p;
}

static __attribute__((unused)) void
test_free(void *arg, void *p)
{
	(void) arg;
	free(p);
}

static const AdoptionMemory test_memory __attribute__((unused)) = {test_alloc, test_free, NULL};

/* xorshift64: the same numbers on every run */
static uint64_t test_rng = 0x9E3779B97F4A7C15ULL;

static __attribute__((unused)) uint64_t
next_random(void)
{
	test_rng ^= test_rng << 13;
	test_rng ^= test_rng >> 7;
	test_rng ^= test_rng << 17;
	return test_rng;
}

#endif							/* ADOPTION_TEST_SUPPORT_H */
