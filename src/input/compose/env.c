/* The variables of a compose run: the process environment and .env files. */
#include "input/compose/env.h"

#include <stdbool.h>
#include <string.h>
#include <unistd.h>

static size_t name_hash(const char *name, size_t len)
{
	size_t h = 1469598103934665603ULL;

	for (size_t i = 0; i < len; i++)
		h = (h ^ (unsigned char)name[i]) * 1099511628211ULL;
	return h;
}

static bool same_name(const struct env_var *v, const char *name, size_t len)
{
	/* With no NUL in name, strncmp() == 0 means v->name[len] exists. */
	return (!len || v->name[0] == name[0]) && !strncmp(v->name, name, len) &&
	       v->name[len] == '\0';
}

static void index_add(struct arena *a, struct env *e, size_t i);

/* A fresh hash of n slots (a power of two) over e->v[0..i). */
static void index_rebuild(struct arena *a, struct env *e, size_t n, size_t i)
{
	e->slot = arena_alloc(a, n * sizeof(*e->slot));
	e->mask = n - 1;
	e->nslots_used = 0;
	for (size_t j = 0; j < i; j++)
		index_add(a, e, j);
}

/* Records e->v[i] in the hash, growing it at half full. */
static void index_add(struct arena *a, struct env *e, size_t i)
{
	const char *name = e->v[i].name;
	size_t len = strlen(name), k;

	if (!e->slot || 2 * (e->nslots_used + 1) > e->mask + 1)
		index_rebuild(a, e, e->slot ? 2 * (e->mask + 1) : 64, i);
	for (k = name_hash(name, len) & e->mask; e->slot[k]; k = (k + 1) & e->mask)
		if (same_name(&e->v[e->slot[k] - 1], name, len))
			break;
	if (!e->slot[k])
		e->nslots_used++;
	e->slot[k] = i + 1;
}

const struct env_var *env_get(const struct env *e, const char *name, size_t len)
{
	if (!e || memchr(name, '\0', len))
		return NULL;
	if (e->slot) {
		for (size_t k = name_hash(name, len) & e->mask; e->slot[k]; k = (k + 1) & e->mask) {
			const struct env_var *v = &e->v[e->slot[k] - 1];

			if (e->slot[k] <= e->n && same_name(v, name, len))
				return v;
		}
		return NULL;
	}
	for (size_t i = e->n; i-- > 0;) {
		const struct env_var *v = &e->v[i];

		if (same_name(v, name, len))
			return v;
	}
	return NULL;
}

void env_set(struct arena *a, struct env *e, const char *name, const char *value,
	     const char *file, unsigned line)
{
	struct env_var *v = ARENA_PUSH(a, e->v, e->n, e->cap);

	v->name = arena_strdup(a, name);
	v->value = arena_strdup(a, value ? value : "");
	v->file = file;
	v->line = line;
	v->process = false;
	index_add(a, e, e->n - 1);
}

void env_set_var(struct arena *a, struct env *e, const struct env_var *v)
{
	env_set(a, e, v->name, v->value, v->file, v->line);
	e->v[e->n - 1].process = v->process;
}

/* Growing the array and the hash by doubling, rehashing each time, was
 * most of the cost of reading the environment, which every project did. */
void env_reserve(struct arena *a, struct env *e, size_t extra)
{
	size_t want = e->n + extra, n = 64;

	if (want > e->cap) {
		e->v = arena_grow(a, e->v, e->cap * sizeof(*e->v), want * sizeof(*e->v));
		e->cap = want;
	}
	while (2 * (want + 1) > n)
		n *= 2;
	if (!e->slot || n > e->mask + 1)
		index_rebuild(a, e, n, e->n);
}

void env_copy(struct arena *a, struct env *out, const struct env *from)
{
	memset(out, 0, sizeof(*out));
	if (!from || !from->n)
		return;
	out->v = arena_alloc(a, from->n * sizeof(*out->v));
	memcpy(out->v, from->v, from->n * sizeof(*out->v));
	out->n = out->cap = from->n;
	if (from->slot) {
		out->slot = arena_alloc(a, (from->mask + 1) * sizeof(*out->slot));
		memcpy(out->slot, from->slot, (from->mask + 1) * sizeof(*out->slot));
		out->mask = from->mask;
		out->nslots_used = from->nslots_used;
	} else {
		for (size_t i = 0; i < out->n; i++)
			index_add(a, out, i);
	}
}

void env_from_process(struct arena *a, struct env *e)
{
	size_t count = 0;

	for (char **p = environ; p && *p; p++)
		count++;
	env_reserve(a, e, count);
	for (char **p = environ; p && *p; p++) {
		const char *eq = strchr(*p, '=');
		struct env_var *v;

		if (!eq || eq == *p)
			continue;
		v = ARENA_PUSH(a, e->v, e->n, e->cap);
		v->name = arena_strndup(a, *p, (size_t)(eq - *p));
		v->value = arena_strdup(a, eq + 1);
		v->file = NULL;
		v->line = 0;
		v->process = true;
		index_add(a, e, e->n - 1);
	}
}
