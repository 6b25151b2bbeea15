/* A string -> index table (open addressing) for lookups a hostile input
 * can repeat. The keys are the caller's (not copied: they must outlive the
 * table); the slots are malloc'd and freed by smap_free(). */
#ifndef SW_SMAP_H
#define SW_SMAP_H

#include <stddef.h>

struct smap {
	const char **keys;
	size_t *vals;
	size_t cap, n;
};

#define SMAP_INIT { .keys = NULL, .vals = NULL, .cap = 0, .n = 0 }

/* The value slot of k, NULL when k is not in m. */
size_t *smap_find(const struct smap *m, const char *k);
/* Sets k to v (replacing any value k had). */
void smap_put(struct smap *m, const char *k, size_t v);
void smap_free(struct smap *m);

#endif
