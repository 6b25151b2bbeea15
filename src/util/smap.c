#include "util/smap.h"

#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "util/arena.h"
#include "util/die.h"

size_t smap_hash(const char *s)
{
	uint64_t h = 1469598103934665603u;

	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 1099511628211u;
	/* The low bits pick the slot: fold the high ones in. */
	return (size_t)(h ^ h >> 32);
}

/* The slot of k (hash h), or the empty slot where k would go. */
static size_t slot_of(const struct smap *m, const char *k, size_t h)
{
	size_t i = h & (m->cap - 1);

	while (m->keys[i] && (m->keys[i][0] != k[0] || strcmp(m->keys[i], k)))
		i = (i + 1) & (m->cap - 1);
	return i;
}

size_t *smap_find_h(const struct smap *m, const char *k, size_t h)
{
	size_t i;

	if (!m->cap)
		return NULL;
	i = slot_of(m, k, h);
	return m->keys[i] ? &m->vals[i] : NULL;
}

size_t *smap_find(const struct smap *m, const char *k)
{
	return m->cap ? smap_find_h(m, k, smap_hash(k)) : NULL;
}

/* Room for one more key. */
static void reserve(struct smap *m)
{
	struct smap g = { .keys = NULL, .vals = NULL, .cap = m->cap ? m->cap * 2 : 16, .n = 0,
			  .a = m->a };

	if ((m->n + 1) * 2 <= m->cap)
		return;
	if (m->a) {
		g.keys = arena_alloc(m->a, g.cap * sizeof(*g.keys));
		g.vals = arena_alloc(m->a, g.cap * sizeof(*g.vals));
	} else {
		g.keys = calloc(g.cap, sizeof(*g.keys));
		g.vals = calloc(g.cap, sizeof(*g.vals));
		if (!g.keys || !g.vals)
			die("out of memory");
	}
	for (size_t j = 0; j < m->cap; j++)
		if (m->keys[j]) {
			size_t i = slot_of(&g, m->keys[j], smap_hash(m->keys[j]));

			g.keys[i] = m->keys[j];
			g.vals[i] = m->vals[j];
			g.n++;
		}
	if (!m->a) {
		free(m->keys);
		free(m->vals);
	}
	*m = g;
}

bool smap_add_h(struct smap *m, const char *k, size_t h, size_t v)
{
	size_t i;

	reserve(m);
	i = slot_of(m, k, h);
	if (m->keys[i])
		return false;
	m->keys[i] = k;
	m->vals[i] = v;
	m->n++;
	return true;
}

void smap_put(struct smap *m, const char *k, size_t v)
{
	size_t i;

	reserve(m);
	i = slot_of(m, k, smap_hash(k));
	if (!m->keys[i]) {
		m->keys[i] = k;
		m->n++;
	}
	m->vals[i] = v;
}

void smap_clear(struct smap *m)
{
	/* A small table is kept for the next use; a big one goes. */
	if (m->cap > 256) {
		smap_free(m);
		return;
	}
	if (m->n)
		memset(m->keys, 0, m->cap * sizeof(*m->keys));
	m->n = 0;
}

void smap_free(struct smap *m)
{
	struct arena *a = m->a;

	if (!a) {
		free(m->keys);
		free(m->vals);
	}
	memset(m, 0, sizeof(*m));
	m->a = a;
}
