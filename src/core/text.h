/*
 * text.h
 *	  The text form of summaries: JSON, readable, exact.
 *
 *	  {"version":1,"time":"date","periods":[["2019-03-01",3,1,1,1],...]}
 *	  {"version":1,"time":"date","labels":["java","python"],"periods":[...]}
 *
 * "time" is one of "number", "timestamptz", "timestamp", "date".  Each
 * period is [time, sum_1, ..., sum_k, rows_1, ..., rows_k]: times as ISO
 * 8601 strings in UTC (numbers for numeric time), sums as the shortest
 * decimals that read back to the same double, row counts as integers.  A
 * sum that is not exactly a double is its canonical expansion,
 * [head, tail, ...], and the summary is version 2.  Reading is strict:
 * exactly this shape, keys in this order, white space between tokens,
 * nothing after.
 *
 * Plain C99; no PostgreSQL headers (numbers are formatted by PostgreSQL's
 * own shortest round-trip formatter, which the core links).
 */
#ifndef ADOPTION_TEXT_H
#define ADOPTION_TEXT_H

#include "periods.h"
#include "work.h"

/* An upper bound of the text form's length, terminating NUL included. */
extern size_t adoption_text_size(const AdoptionPeriods *p, size_t size, bool labelled);

/* Write the text form of a canonical summary; returns its length. */
extern size_t adoption_text_write(const AdoptionPeriods *p, size_t size, bool labelled,
								  char *buf);

/* What adoption_text_read() found. */
typedef struct AdoptionTextRead
{
	const char *problem;		/* NULL when the text parsed */
	bool		too_many_periods;	/* more than max_periods */
	bool		too_many_labels;	/* more than max_labels */
	AdoptionPeriods *summary;	/* from mem, when it parsed */
	size_t		size;			/* its bytes */
} AdoptionTextRead;

/*
 * Parse a text form: nseries series, or labelled (a market of at most
 * max_labels labels); at most max_periods periods.  The summary still
 * needs adoption_periods_check() for order, ranges and counts.
 */
extern void adoption_text_read(const char *text, int nseries, bool labelled, int max_periods,
							   int max_labels, const AdoptionMemory *mem,
							   AdoptionTextRead *result);

/*
 * ISO 8601 text of a time key: "2019-03-01" for dates, "2019-03-01
 * 12:00:00[.ffffff]" for timestamps, with "+00" appended for timestamptz.
 * buf needs ADOPTION_TIME_TEXT_MAX bytes; returns the length.
 */
#define ADOPTION_TIME_TEXT_MAX 40
extern int	adoption_format_time(AdoptionTimeKind kind, int64_t key, char *buf);

/*
 * The shortest decimal that reads back as d (finite), printed as C's %g
 * prints it at that precision (15 digits at least): the text 0.4.0 wrote.
 * buf: ADOPTION_DOUBLE_TEXT_MAX bytes; returns the length.
 */
#define ADOPTION_DOUBLE_TEXT_MAX 32
extern int	adoption_format_double(double d, char *buf);

#endif							/* ADOPTION_TEXT_H */
