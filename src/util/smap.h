/* A string -> index table (open addressing) for lookups a hostile input
 * can repeat. The keys are the caller's (not copied: they must outlive the
 * table); the slots are malloc'd and freed by smap_free(), or taken from
 * an arena (SMAP_IN). */
#ifndef SW_SMAP_H
#define SW_SMAP_H

#include <stdbool.h>
#include <stddef.h>

struct arena;

struct smap {
	const char **keys;
	size_t *vals;
	size_t cap, n;
	struct arena *a;	/* where the slots live; NULL: malloc */
};

#define SMAP_INIT { .keys = NULL, .vals = NULL, .cap = 0, .n = 0, .a = NULL }
/* A table whose slots live in arena a: nothing to free, for the tables of
 * one file's scratch arena (smap_free() is still fine to call). */
#define SMAP_IN(arena) { .keys = NULL, .vals = NULL, .cap = 0, .n = 0, .a = (arena) }

/* The value slot of k, NULL when k is not in m. */
size_t *smap_find(const struct smap *m, const char *k);
/* The same with k's smap_hash() at hand, for a key looked up in several
 * tables; smap_add_h() puts k (value v) unless it is there, and says
 * whether it did. */
size_t smap_hash(const char *k);
size_t *smap_find_h(const struct smap *m, const char *k, size_t h);
bool smap_add_h(struct smap *m, const char *k, size_t h, size_t v);
/* Sets k to v (replacing any value k had). */
void smap_put(struct smap *m, const char *k, size_t v);
/* Empties m (its slots may be kept for reuse; smap_free() still due). */
void smap_clear(struct smap *m);
void smap_free(struct smap *m);

#endif
