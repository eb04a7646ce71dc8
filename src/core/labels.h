/*
 * labels.h
 *	  The labels of a market: names of contenders, compared as bytes.
 *
 * Stored after a market's entries, each as a uint32 length (native order)
 * and its bytes, sorted bytewise and unique in the canonical form.
 *
 * Plain C99; no PostgreSQL headers.
 */
#ifndef ADOPTION_LABELS_H
#define ADOPTION_LABELS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef struct AdoptionLabel
{
	const char *data;
	uint32_t	len;
} AdoptionLabel;

/* Compare two labels bytewise, as memcmp with the shorter first on a tie. */
extern int	adoption_label_cmp(const AdoptionLabel *a, const AdoptionLabel *b);

/* Labels sorted bytewise and unique: the canonical order. */
extern bool adoption_labels_canonical(const AdoptionLabel *labels, int n);

/* Bytes n labels take when stored. */
extern size_t adoption_labels_size(const AdoptionLabel *labels, int n);

/* Store n labels at "at"; the source may overlap the destination. */
extern void adoption_labels_store(char *at, const AdoptionLabel *labels, int n);

/*
 * Read n stored labels from "at", pointing into that memory, checking that
 * they end within "end" (NULL: trusted).  Returns the end of the last label,
 * or NULL when one would run past "end".
 */
extern const char *adoption_labels_load(const char *at, const char *end,
										AdoptionLabel *labels, int n);

/* Index of label (data, len) among n stored labels at "at", or -1. */
extern int	adoption_labels_find(const char *at, int n, const char *data, uint32_t len);

#endif							/* ADOPTION_LABELS_H */
