/*
 * codec.h
 *	  The text form of period tables: JSON, readable, exact.
 *
 *	  {"version":1,"time":"date","periods":[["2019-03-01",3,1,1,1],...]}
 *
 * "time" is one of "number", "timestamptz", "timestamp", "date".  Each
 * period is [time, sum_1, ..., sum_k, rows_1, ..., rows_k]: times as ISO
 * 8601 strings in UTC (numbers for numeric time), sums as the shortest
 * decimals that read back to the same double, row counts as integers.
 * Reading is strict: exactly this shape, keys in this order, white space
 * between tokens, nothing after.
 *
 * Plain C99; no PostgreSQL headers.
 */
#ifndef ADOPTION_CODEC_H
#define ADOPTION_CODEC_H

#include "period.h"

/* Name of a time kind in the text form, and back. */
extern const char *adoption_time_kind_name(AdoptionTimeKind kind);

/* An upper bound of the text form's length, terminating NUL included. */
extern size_t adoption_json_size(const AdoptionPeriods *p);

/* Write the text form of a compacted table to buf (adoption_json_size bytes). */
extern size_t adoption_json_write(const AdoptionPeriods *p, char *buf);

/* An upper bound of the periods in a text form: the capacity to parse into. */
extern int	adoption_json_max_periods(const char *text);

/*
 * Parse a text form into p (adoption_periods_size(nseries, capacity) bytes,
 * capacity from adoption_json_max_periods).  Returns NULL on success, or a
 * message saying what is wrong; p then holds nothing valid.  A success still
 * needs adoption_periods_check() for order, ranges and counts.
 */
extern const char *adoption_json_read(const char *text, int nseries,
									  AdoptionPeriods *p, int capacity);

/*
 * The binary form: version, kind, series (a byte each), the period count
 * (int32), then per period the key (int64), the sums (float8) and the row
 * counts (int64), all big-endian (network order, as PostgreSQL sends).
 */
extern size_t adoption_binary_size(const AdoptionPeriods *p);
extern void adoption_binary_write(const AdoptionPeriods *p, unsigned char *buf);

/* The capacity to read len bytes into: the period count they can hold. */
extern int	adoption_binary_max_periods(size_t len, int nseries);

/*
 * Read exactly len bytes into p (adoption_periods_size(nseries, capacity)
 * bytes).  NULL on success, else what is wrong; success still needs
 * adoption_periods_check().
 */
extern const char *adoption_binary_read(const unsigned char *buf, size_t len, int nseries,
										AdoptionPeriods *p, int capacity);

/*
 * Markets: a period table with one series per label, its labels after the
 * entries.  In memory the labels follow adoption_periods_size(nlabels,
 * capacity) bytes, each as a uint32 length (native order) and its bytes.
 * In the canonical form labels are sorted bytewise and unique.
 *
 * Text:	{"version":1,"time":"date","labels":["java","python"],
 *			 "periods":[["2020-01-01",sum_java,sum_python,rows_java,rows_python],...]}
 * Binary:	version, kind (bytes), label count (uint16), per label its length
 *			(uint32) and bytes, then the period count and periods as above.
 */
typedef struct AdoptionLabel
{
	const char *data;
	uint32_t	len;
} AdoptionLabel;

/* Bytes the labels take after the entries. */
extern size_t adoption_labels_size(const AdoptionLabel *labels, int n);
extern void adoption_labels_store(char *at, const AdoptionLabel *labels, int n);
/* Labels stored at "at" (n of them), pointing into that memory. */
extern void adoption_labels_load(const char *at, AdoptionLabel *labels, int n);
/* Compare two labels bytewise, as memcmp with the shorter first on a tie. */
extern int	adoption_label_cmp(const AdoptionLabel *a, const AdoptionLabel *b);

extern size_t adoption_market_json_size(const AdoptionPeriods *p, const AdoptionLabel *labels);
extern size_t adoption_market_json_write(const AdoptionPeriods *p, const AdoptionLabel *labels,
										 char *buf);

/*
 * Read a market's text in two steps: its labels (room for max_labels in
 * labels, their bytes decoded into label_buf of strlen(text) bytes), then,
 * once the caller has memory for that many series, its periods.
 */
extern const char *adoption_market_json_read_labels(const char *text, AdoptionLabel *labels,
													int max_labels, char *label_buf,
													int *nlabels, AdoptionTimeKind *kind,
													const char **periods_at);
extern const char *adoption_market_json_read_periods(const char *periods_at,
													 AdoptionTimeKind kind, int nlabels,
													 AdoptionPeriods *p, int capacity);

extern size_t adoption_market_binary_size(const AdoptionPeriods *p, const AdoptionLabel *labels);
extern void adoption_market_binary_write(const AdoptionPeriods *p, const AdoptionLabel *labels,
										 unsigned char *buf);
/* Labels first (pointing into buf), then the periods from *periods_at on. */
extern const char *adoption_market_binary_read_labels(const unsigned char *buf, size_t len,
													  AdoptionLabel *labels, int max_labels,
													  int *nlabels, AdoptionTimeKind *kind,
													  size_t *periods_at);

extern const char *adoption_market_binary_read_periods(const unsigned char *buf, size_t len,
													   AdoptionTimeKind kind, int nlabels,
													   AdoptionPeriods *p, int capacity);

/* Labels sorted bytewise and unique: the canonical order. */
extern bool adoption_labels_canonical(const AdoptionLabel *labels, int n);

/*
 * ISO 8601 text of a timestamp key (microseconds since 2000-01-01 UTC):
 * "2019-03-01" for dates, "2019-03-01 12:00:00[.ffffff]" for timestamps, with
 * "+00" appended for timestamptz.  buf needs ADOPTION_TIME_TEXT_MAX bytes.
 */
#define ADOPTION_TIME_TEXT_MAX 40
extern void adoption_format_time(AdoptionTimeKind kind, int64_t key, char *buf);

/* The shortest decimal text that reads back as d (finite). buf: 32 bytes. */
extern void adoption_format_double(double d, char *buf);

#endif							/* ADOPTION_CODEC_H */
