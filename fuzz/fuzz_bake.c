/* libFuzzer target for the bake reader: the input is split at each line
 * "--8<--" into up to four files, merged in order as `docker buildx bake
 * -f a -f b` would; the first byte says whether the first file is named
 * .json or .hcl (or neither, so its text decides). A small environment is
 * set. No input may crash, hang, leak or trip a sanitizer; then the result
 * is walked: every target has a valid name and position, every value is a
 * string or marked unresolved, every input error names a file and a line
 * that exists, and each group and target resolves. */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "input/bake/bake.h"
#include "util/arena.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define MAX_PIECES 4
static const char *const names[][MAX_PIECES] = {
	{ "docker-bake.hcl", "docker-bake.override.hcl", "c.hcl", "d.hcl" },
	{ "docker-bake.json", "docker-bake.override.json", "c.json", "d.json" },
	{ "bake-a", "bake-b", "bake-c", "bake-d" },
};

struct piece {
	const char *buf;
	size_t len;
	unsigned lines;
};

static unsigned count_lines(const char *s, size_t n)
{
	unsigned l = 1;

	for (size_t i = 0; i < n; i++)
		l += s[i] == '\n';
	return l;
}

static void check_pos(const struct y_pos *p, const struct piece *pc, size_t npc,
		      const char *const *fnames)
{
	size_t i;

	if (!p->file || !p->line || !p->col)
		abort();
	for (i = 0; i < npc; i++)
		if (!strcmp(p->file, fnames[i]))
			break;
	if (i == npc || p->line > pc[i].lines)
		abort();
}

static void check_value(const struct bake_value *v, const struct piece *pc, size_t npc,
			const char *const *fnames)
{
	if (!v->s && !v->unresolved)
		return;	/* not set */
	check_pos(&v->pos, pc, npc, fnames);
	if (v->s && v->unresolved)
		abort();
}

static void check_list(const struct bake_list *l, const struct piece *pc, size_t npc,
		       const char *const *fnames)
{
	for (size_t i = 0; i < l->n; i++) {
		if (!l->v[i].s && !l->v[i].unresolved)
			abort();
		check_value(&l->v[i], pc, npc, fnames);
	}
}

static void check_map(const struct bake_map *m, const struct piece *pc, size_t npc,
		      const char *const *fnames)
{
	for (size_t i = 0; i < m->n; i++) {
		if (!m->kv[i].key)
			abort();
		check_pos(&m->kv[i].key_pos, pc, npc, fnames);
		check_value(&m->kv[i].value, pc, npc, fnames);
	}
}

static bool has_group(const struct bake *b, const char *name)
{
	for (size_t i = 0; i < b->ngroups; i++)
		if (!strcmp(b->groups[i].name, name))
			return true;
	return false;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct arena a;
	struct report r;
	struct env env = { 0 };
	struct bake b;
	struct bake_file files[MAX_PIECES];
	struct piece pc[MAX_PIECES];
	const char *fnames[MAX_PIECES];
	const char *s, *end;
	size_t npc = 0;
	int kind;
	int rc;

	if (!size)
		return 0;
	kind = data[0] % 3;
	s = (const char *)data + 1;
	end = (const char *)data + size;
	while (npc < MAX_PIECES) {
		const char *cut = NULL;

		for (const char *q = s; q + 7 <= end; q++)
			if (!memcmp(q, "\n--8<--", 7)) {
				cut = q;
				break;
			}
		pc[npc].buf = s;
		pc[npc].len = (size_t)((cut && npc + 1 < MAX_PIECES ? cut : end) - s);
		pc[npc].lines = count_lines(pc[npc].buf, pc[npc].len);
		npc++;
		if (!cut || npc == MAX_PIECES)
			break;
		s = cut + 7;
	}
	arena_init(&a);
	report_init(&r, &a);
	env_set(&a, &env, "TAG", "1.2", NULL, 0);
	env_set(&a, &env, "PUSH", "true", NULL, 0);
	env_set(&a, &env, "N", "3", NULL, 0);
	env_set(&a, &env, "EMPTY", "", NULL, 0);
	for (size_t i = 0; i < npc; i++) {
		fnames[i] = names[i ? (size_t)((kind + (int)i) % 3) : (size_t)kind][i];
		files[i].name = fnames[i];
		files[i].buf = pc[i].buf;
		files[i].len = pc[i].len;
	}
	rc = bake_load_buffers(&a, files, npc, "/work", &env, &b, &r);
	if ((rc == 0) != (r.nerrors == 0))
		abort();
	for (size_t i = 0; i < r.nerrors; i++) {
		size_t k;

		if (!r.errors[i].message || !*r.errors[i].message || !r.errors[i].file)
			abort();
		for (k = 0; k < npc; k++)
			if (!strcmp(r.errors[i].file, fnames[k]))
				break;
		if (k == npc || r.errors[i].line > pc[k].lines)
			abort();
	}
	for (size_t i = 0; i < b.n; i++) {
		const struct bake_target *t = &b.targets[i];
		const struct bake_target **ts;
		const char *stage;

		if (!t->name || !*t->name || bake_find_target(&b, t->name) != t)
			abort();
		check_pos(&t->pos, pc, npc, fnames);
		if (!t->context.s && !t->context.unresolved)
			abort();
		if (!t->dockerfile.s && !t->dockerfile.unresolved)
			abort();
		if (t->dockerfile.s && !*t->dockerfile.s)
			abort();
		check_value(&t->context, pc, npc, fnames);
		check_value(&t->dockerfile, pc, npc, fnames);
		check_value(&t->dockerfile_inline, pc, npc, fnames);
		check_value(&t->target, pc, npc, fnames);
		check_map(&t->contexts, pc, npc, fnames);
		check_map(&t->args, pc, npc, fnames);
		check_list(&t->tags, pc, npc, fnames);
		check_list(&t->platforms, pc, npc, fnames);
		check_list(&t->outputs, pc, npc, fnames);
		check_list(&t->inherits, pc, npc, fnames);
		for (size_t j = 0; j < t->contexts.n; j++) {
			const char *v = t->contexts.kv[j].value.s;

			if (v && !*v)
				abort();	/* "" contexts are removed */
			if (bake_context_is_stage(v, &stage) && (!*stage || t->contexts.kv[j].path))
				abort();
		}
		/* A target resolves to itself, unless a group has its name (the
		 * group wins, as in Buildx). */
		if (!has_group(&b, t->name) && (bake_resolve(&b, &a, t->name, &ts) != 1 || ts[0] != t))
			abort();
	}
	for (size_t i = 0; i < b.ngroups; i++) {
		const struct bake_target **ts;
		size_t n = bake_resolve(&b, &a, b.groups[i].name, &ts);

		if (n > b.n)
			abort();
		for (size_t j = 0; j < n; j++)
			if (!ts[j] || !ts[j]->name)
				abort();
		check_list(&b.groups[i].targets, pc, npc, fnames);
	}
	for (size_t i = 0; i < b.nnotes; i++)
		if (!b.notes[i].msg || !*b.notes[i].msg)
			abort();
	bake_report_notes(&b, &r);
	arena_release(&a);
	return 0;
}
