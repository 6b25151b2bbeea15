#include "util/smap.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "util/die.h"

static size_t shash(const char *s)
{
	uint64_t h = 1469598103934665603u;

	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 1099511628211u;
	return (size_t)h;
}

size_t *smap_find(const struct smap *m, const char *k)
{
	if (!m->cap)
		return NULL;
	for (size_t i = shash(k) & (m->cap - 1);; i = (i + 1) & (m->cap - 1)) {
		if (!m->keys[i])
			return NULL;
		if (!strcmp(m->keys[i], k))
			return &m->vals[i];
	}
}

void smap_put(struct smap *m, const char *k, size_t v)
{
	size_t *slot;

	if ((m->n + 1) * 2 > m->cap) {
		struct smap g = { .keys = NULL, .vals = NULL, .cap = m->cap ? m->cap * 2 : 16, .n = 0 };

		g.keys = calloc(g.cap, sizeof(*g.keys));
		g.vals = calloc(g.cap, sizeof(*g.vals));
		if (!g.keys || !g.vals)
			die("out of memory");
		for (size_t i = 0; i < m->cap; i++)
			if (m->keys[i])
				smap_put(&g, m->keys[i], m->vals[i]);
		free(m->keys);
		free(m->vals);
		*m = g;
	}
	if ((slot = smap_find(m, k))) {
		*slot = v;
		return;
	}
	for (size_t i = shash(k) & (m->cap - 1);; i = (i + 1) & (m->cap - 1))
		if (!m->keys[i]) {
			m->keys[i] = k;
			m->vals[i] = v;
			m->n++;
			return;
		}
}

void smap_free(struct smap *m)
{
	free(m->keys);
	free(m->vals);
	memset(m, 0, sizeof(*m));
}
