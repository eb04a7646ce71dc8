/*
 * labels.c
 *	  The labels of a market.
 */
#include "labels.h"

#include <string.h>

int
adoption_label_cmp(const AdoptionLabel *a, const AdoptionLabel *b)
{
	int			c = memcmp(a->data, b->data, a->len < b->len ? a->len : b->len);

	if (c != 0)
		return c;
	return (a->len > b->len) - (a->len < b->len);
}

bool
adoption_labels_canonical(const AdoptionLabel *labels, int n)
{
	int			i;

	for (i = 1; i < n; i++)
		if (adoption_label_cmp(&labels[i - 1], &labels[i]) >= 0)
			return false;
	return true;
}

size_t
adoption_labels_size(const AdoptionLabel *labels, int n)
{
	size_t		bytes = 0;
	int			i;

	for (i = 0; i < n; i++)
		bytes += sizeof(uint32_t) + labels[i].len;
	return bytes;
}

void
adoption_labels_store(char *at, const AdoptionLabel *labels, int n)
{
	int			i;

	for (i = 0; i < n; i++)
	{
		memcpy(at, &labels[i].len, sizeof(uint32_t));
		memmove(at + sizeof(uint32_t), labels[i].data, labels[i].len);
		at += sizeof(uint32_t) + labels[i].len;
	}
}

const char *
adoption_labels_load(const char *at, const char *end, AdoptionLabel *labels, int n)
{
	int			i;

	for (i = 0; i < n; i++)
	{
		uint32_t	len;

		if (end != NULL && (size_t) (end - at) < sizeof(uint32_t))
			return NULL;
		memcpy(&len, at, sizeof(uint32_t));
		at += sizeof(uint32_t);
		if (end != NULL && (size_t) (end - at) < len)
			return NULL;
		labels[i].len = len;
		labels[i].data = at;
		at += len;
	}
	return at;
}

int
adoption_labels_find(const char *at, int n, const char *data, uint32_t len)
{
	int			i;

	for (i = 0; i < n; i++)
	{
		uint32_t	l;

		memcpy(&l, at, sizeof(uint32_t));
		if (l == len && memcmp(at + sizeof(uint32_t), data, len) == 0)
			return i;
		at += sizeof(uint32_t) + l;
	}
	return -1;
}
