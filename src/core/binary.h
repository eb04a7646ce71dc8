/*
 * binary.h
 *	  The binary form of summaries (send/recv: COPY BINARY, drivers in
 *	  binary mode, Citus), all big-endian as PostgreSQL sends.
 *
 *	rivalry, trend:	version, kind, series (a byte each), the period count
 *					(int32), then per period the key (int64), the sums
 *					(float8) and the row counts (int64)
 *	market:			version, kind (a byte each), the label count (uint16),
 *					per label its length (uint32) and bytes, then the period
 *					count and periods as above
 *	version 2 adds the tails: their count (uint32), then per tail the
 *	period (int32), the series (uint16), the number of components (uint16)
 *	and the components (float8).
 *
 * Plain C99; no PostgreSQL headers.
 */
#ifndef ADOPTION_BINARY_H
#define ADOPTION_BINARY_H

#include "periods.h"
#include "work.h"

extern size_t adoption_binary_size(const AdoptionPeriods *p, size_t size, bool labelled);
extern void adoption_binary_write(const AdoptionPeriods *p, size_t size, bool labelled,
								  unsigned char *buf);

/* What adoption_binary_read() found. */
typedef struct AdoptionBinaryRead
{
	const char *problem;		/* NULL when the bytes parsed */
	bool		too_many_periods;
	bool		too_many_labels;
	AdoptionPeriods *summary;	/* from mem, when they parsed */
	size_t		size;
} AdoptionBinaryRead;

/*
 * Read exactly len bytes: nseries series, or labelled (at most max_labels);
 * at most max_periods periods.  Counts are checked against the length
 * before anything is allocated.  Success still needs adoption_periods_check().
 */
extern void adoption_binary_read(const unsigned char *buf, size_t len, int nseries,
								 bool labelled, int max_periods, int max_labels,
								 const AdoptionMemory *mem, AdoptionBinaryRead *result);

#endif							/* ADOPTION_BINARY_H */
