/* Loading bake files as Buildx's bake package does (bake.go, hclparser):
 *  1. each file is parsed (hcl.c, json.c); one that does not parse is left
 *     out, with an input error;
 *  2. the files' blocks are taken in order: a variable block replaces an
 *     earlier one of its name, a global attribute beats a variable block's
 *     default, a target's blocks are merged (Target.Merge), a group block
 *     replaces an earlier one of its name;
 *  3. variables, then each target block's attributes, then groups, are
 *     evaluated (eval.c);
 *  4. each target is laid over what it inherits: the inherited targets in
 *     order, later wins, the target's own attributes last; maps (args,
 *     contexts) merge key by key, lists (tags, platforms, output) are
 *     replaced; a null arg is skipped, an empty context removed;
 *  5. Buildx's defaults: context ".", dockerfile "Dockerfile", which is read
 *     from the context (relative) unless the context is remote.
 * A target's result is computed once and shared by every target that
 * inherits it (Buildx resolves each anew: the results only differ in a
 * cycle, which Buildx ignores and this reader notes).
 */
#include "input/bake/bake.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "input/bake/internal.h"
#include "input/discover/classify.h"
#include "util/path.h"
#include "util/readfile.h"
#include "util/str.h"
#include "util/strbuf.h"

/* A map entry while targets are merged. */
struct pkv {
	const char *key;
	struct y_pos kpos;
	struct bake_value v;
};

/* Keys once each, in the order they first came; later values win. */
struct pkvs {
	struct pkv *e;
	size_t n, cap;
	struct bmap idx;	/* key -> index, once there are more than SMALL */
	size_t indexed;		/* e[0..indexed) are in idx */
};

struct plist {
	struct bake_value *v;
	size_t n, cap;
	bool set;		/* written (even empty): replaces what is inherited */
};

/* A target's attributes as written (blocks merged) or as resolved. */
struct pt {
	struct bake_value context, dockerfile, inline_, target, description;
	struct pkvs args, contexts;
	struct plist tags, platforms, outputs, inherits;
	bool matrix;
};

struct trec {
	const char *name;
	struct y_pos pos;
	const struct h_block **blocks;
	size_t nblocks, capblocks;
	struct pt own, res;
	int state;		/* of res: 0, 1 being resolved, 2 done */
};

struct grec {
	const char *name;
	struct y_pos pos;
	const struct h_block *block;	/* the last */
};

struct bake_index {
	struct bmap targets, groups;
};

struct ld {
	struct bk k;
	struct trec **t;
	size_t nt, capt;
	struct grec *g;
	size_t ng, capg;
	struct bake_index *ix;
	size_t nblocks;
	const char *workdir;
};

/* Up to this many, a linear search beats a hash map (and its memory). */
#define SMALL 16

static bool is_set(const struct bake_value *v)
{
	return v->s || v->unresolved;
}

/* --- names ------------------------------------------------------------------ */

int bake_file_order(const char *path)
{
	return input_bake_order(path);	/* the names are discover's */
}

bool bake_is_file(const char *path)
{
	return bake_file_order(path) >= 0;
}

bool bake_context_is_stage(const char *value, const char **stage)
{
	if (!value || strncmp(value, "target:", 7) || !value[7])
		return false;
	if (stage)
		*stage = value + 7;
	return true;
}

/* Buildx's target and group names: [a-zA-Z0-9_-]+. */
static bool valid_name(const char *s)
{
	if (!*s)
		return false;
	for (; *s; s++)
		if (!((*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z') ||
		      (*s >= '0' && *s <= '9') || *s == '_' || *s == '-'))
			return false;
	return true;
}

/* urlutil.IsRemoteURL: HTTP(S) URLs and what BuildKit reads as a Git
 * reference. */
static bool is_remote(const char *s)
{
	static const char *const prefixes[] = {
		"http://", "https://", "git://", "ssh://", "git@", "github.com/",
	};
	size_t len = strlen(s);

	for (size_t i = 0; i < sizeof(prefixes) / sizeof(*prefixes); i++)
		if (!strncmp(s, prefixes[i], strlen(prefixes[i])))
			return true;
	return (len > 4 && !strcmp(s + len - 4, ".git")) || strstr(s, ".git#");
}

/* --- evaluating a block's attributes -------------------------------------------------- */

static void say_unresolved(struct ld *L, const char *what, const char *tname, const char *attr,
			   const struct bval *v, struct y_pos pos)
{
	if (v->b)
		return;	/* an input error was reported */
	bk_note(&L->k, pos, "%s \"%s\": %s left unresolved: %s", what, tname, attr,
		v->s ? v->s : "its value is not known");
}

/* A string attribute. */
static struct bake_value to_scalar(struct ld *L, const char *what, const char *tname,
				   const struct h_attr *at, const struct bval *v)
{
	struct bake_value out = { 0 };
	const char *why = NULL;

	out.pos = at->x->pos;
	if (v->k == BV_NULL)
		return out;
	out.s = bv_string(L->k.a, v, &why);
	if (out.s)
		return out;
	out.unresolved = true;
	if (v->k == BV_UNKNOWN)
		say_unresolved(L, what, tname, at->name, v, out.pos);
	else
		bk_error(&L->k, out.pos, "%s \"%s\": %s must be a string, not %s", what, tname,
			 at->name, why);
	return out;
}

/* An `output` item written as an object: "k=v,k=v", keys sorted. */
static const char *object_item(struct ld *L, const struct bval *m)
{
	const char **keys = arena_alloc(L->k.a, (m->n + 1) * sizeof(*keys));
	size_t *idx = arena_alloc(L->k.a, (m->n + 1) * sizeof(*idx));
	struct strbuf sb = STRBUF_INIT;
	const char *out;

	for (size_t i = 0; i < m->n; i++)
		keys[i] = m->keys[i], idx[i] = i;
	/* Insertion sort: an output has a handful of keys; past 64, unsorted. */
	for (size_t i = 1; i < m->n && m->n <= 64; i++)
		for (size_t j = i; j > 0 && strcmp(keys[j - 1], keys[j]) > 0; j--) {
			const char *tk = keys[j];
			size_t ti = idx[j];

			keys[j] = keys[j - 1], idx[j] = idx[j - 1];
			keys[j - 1] = tk, idx[j - 1] = ti;
		}
	for (size_t i = 0; i < m->n; i++) {
		const char *why, *s = bv_string(L->k.a, &m->items[idx[i]], &why);

		if (!s) {
			strbuf_release(&sb);
			return NULL;
		}
		strbuf_addf(&sb, "%s%s=%s", i ? "," : "", keys[i], s);
	}
	out = arena_strndup(L->k.a, sb.buf, sb.len);
	strbuf_release(&sb);
	return out;
}

/* A list attribute; false when it is null (not written). */
static bool to_list(struct ld *L, const char *what, const char *tname, const struct h_attr *at,
		    const struct bval *v, struct plist *out)
{
	bool literal = at->x->kind == HX_TUPLE, said = false;

	memset(out, 0, sizeof(*out));
	if (v->k == BV_NULL)
		return false;
	out->set = true;
	if (v->k == BV_UNKNOWN) {
		struct bake_value *e = BK_PUSH(L->k.a, out->v, out->n, out->cap);

		e->pos = at->x->pos;
		e->unresolved = true;
		say_unresolved(L, what, tname, at->name, v, at->x->pos);
		return true;
	}
	if (v->k != BV_LIST) {
		bk_error(&L->k, at->x->pos, "%s \"%s\": %s must be a list, not %s", what, tname,
			 at->name, v->k == BV_STR ? "a string (write [\"...\"])" :
			 v->k == BV_MAP ? "a map" : "a single value");
		return true;
	}
	if (!bk_entries(&L->k, v->n, at->x->pos))
		return true;
	for (size_t i = 0; i < v->n; i++) {
		const struct bval *it = &v->items[i];
		struct bake_value e = { 0 };
		const char *why = NULL;
		bool object = it->k == BV_MAP && str_eq(at->name, "output");

		e.pos = literal ? it->pos : at->x->pos;
		if (it->k == BV_NULL)
			continue;
		e.s = object ? object_item(L, it) : bv_string(L->k.a, it, &why);
		if (!e.s) {
			e.unresolved = true;
			if (it->k == BV_UNKNOWN || object) {
				if (!said)
					say_unresolved(L, what, tname, at->name, it, e.pos);
				said = true;
			} else {
				bk_error(&L->k, e.pos, "%s \"%s\": the items of %s must be strings, not %s",
					 what, tname, at->name, why);
			}
		}
		*BK_PUSH(L->k.a, out->v, out->n, out->cap) = e;
	}
	return true;
}

/* A map attribute (args, contexts): its entries appended to out. */
static void to_map(struct ld *L, const char *tname, const struct h_attr *at, const struct bval *v,
		   struct pkvs *out)
{
	bool literal = at->x->kind == HX_OBJECT, said = false;

	if (v->k == BV_NULL)
		return;
	if (v->k == BV_UNKNOWN) {
		say_unresolved(L, "target", tname, at->name, v, at->x->pos);
		return;
	}
	if (v->k != BV_MAP) {
		bk_error(&L->k, at->x->pos,
			 "target \"%s\": %s must be a map ({ KEY = \"value\" }), not %s", tname, at->name,
			 v->k == BV_LIST ? "a list" : "a single value");
		return;
	}
	if (!bk_entries(&L->k, v->n, at->x->pos))
		return;
	for (size_t i = 0; i < v->n; i++) {
		const struct bval *it = &v->items[i];
		struct pkv *e;
		const char *why = NULL, *s;

		if (it->k == BV_NULL)
			continue;	/* Target.Merge skips a null arg */
		s = bv_string(L->k.a, it, &why);
		e = BK_PUSH(L->k.a, out->e, out->n, out->cap);
		e->key = v->keys[i];
		e->kpos = literal ? v->kpos[i] : at->x->pos;
		e->v.pos = literal ? it->pos : at->x->pos;
		e->v.s = s;
		if (!s) {
			e->v.unresolved = true;
			if (it->k == BV_UNKNOWN) {
				if (!said)
					say_unresolved(L, "target", tname, at->name, it, e->v.pos);
				said = true;
			} else {
				bk_error(&L->k, e->v.pos, "target \"%s\": %s.%s must be a string, not %s",
					 tname, at->name, e->key, why);
			}
		}
	}
}

/* Attributes Buildx reads in a target but this reader keeps nothing of:
 * evaluated all the same, so that their errors are said. */
static const char *const other_attrs[] = {
	"annotations", "attest", "labels", "cache-from", "cache-to", "secret", "ssh", "pull",
	"no-cache", "network", "no-cache-filter", "shm-size", "ulimits", "call", "entitlements",
	"extra-hosts", "policy", "name", "matrix",
};

static bool in_list(const char *s, const char *const *list, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (str_eq(s, list[i]))
			return true;
	return false;
}

/* Reports an attribute set twice in one block (HCL's "Attribute
 * redefined"); true for the first of its name. */
static bool first_of_name(struct ld *L, const struct h_body *b, size_t i, struct bmap *seen)
{
	const struct h_attr *at = &b->attrs[i];
	size_t first = i, *j;

	if (b->nattrs <= SMALL) {
		for (size_t k = 0; k < i && first == i; k++)
			if (str_eq(b->attrs[k].name, at->name))
				first = k;
	} else if ((j = bmap_get(seen, at->name, strlen(at->name)))) {
		first = *j;
	}
	if (first != i) {
		bk_error(&L->k, at->pos, "%s is set twice in this block (first at line %u)", at->name,
			 b->attrs[first].pos.line);
		return false;
	}
	if (b->nattrs > SMALL)
		bmap_put(L->k.a, seen, at->name, strlen(at->name), i);
	return true;
}

/* Sets e->key in m: a later value replaces an earlier one in its place. */
static void kv_set(struct ld *L, struct pkvs *m, const struct pkv *e)
{
	size_t at = m->n, *j;

	if (m->n <= SMALL) {
		for (size_t k = 0; k < m->n && at == m->n; k++)
			if (str_eq(m->e[k].key, e->key))
				at = k;
	} else {
		for (; m->indexed < m->n; m->indexed++)
			bmap_put(L->k.a, &m->idx, m->e[m->indexed].key, strlen(m->e[m->indexed].key),
				 m->indexed);
		if ((j = bmap_get(&m->idx, e->key, strlen(e->key))))
			at = *j;
	}
	if (at < m->n)
		m->e[at] = *e;
	else
		*BK_PUSH(L->k.a, m->e, m->n, m->cap) = *e;
}

/* Appends src[0..n) to *dst (n, cap); an empty *dst shares src, full, so
 * that whoever appends to it next copies first (lists are only appended
 * to, never written in place). */
#define APPEND(L, dst, dn, dcap, src, sn) do { \
	if (!(dn)) { \
		(dst) = (src); \
		(dn) = (dcap) = (sn); \
	} else { \
		for (size_t i_ = 0; i_ < (sn); i_++) \
			*BK_PUSH((L)->k.a, (dst), (dn), (dcap)) = (src)[i_]; \
	} } while (0)

/* Target.Merge: src laid over dst. */
static void pt_merge(struct ld *L, struct pt *dst, const struct pt *src, struct y_pos at)
{
	if (!bk_step(&L->k, 1 + src->args.n + src->contexts.n + src->inherits.n, at) ||
	    !bk_entries(&L->k, src->args.n + src->contexts.n + src->inherits.n, at))
		return;
	if (is_set(&src->context))
		dst->context = src->context;
	if (is_set(&src->dockerfile))
		dst->dockerfile = src->dockerfile;
	if (is_set(&src->inline_))
		dst->inline_ = src->inline_;
	if (is_set(&src->target))
		dst->target = src->target;
	if (src->description.s && *src->description.s)
		dst->description = src->description;
	for (size_t i = 0; i < src->args.n; i++)
		kv_set(L, &dst->args, &src->args.e[i]);
	for (size_t i = 0; i < src->contexts.n; i++)
		kv_set(L, &dst->contexts, &src->contexts.e[i]);
	if (src->tags.set)
		dst->tags = src->tags;
	if (src->platforms.set)
		dst->platforms = src->platforms;
	if (src->outputs.set)
		dst->outputs = src->outputs;
	APPEND(L, dst->inherits.v, dst->inherits.n, dst->inherits.cap, src->inherits.v, src->inherits.n);
	dst->inherits.set = dst->inherits.set || src->inherits.set;
	dst->matrix = dst->matrix || src->matrix;
}

/* One target block's attributes, merged into the target's own. */
static void eval_target_block(struct ld *L, struct trec *t, const struct h_block *blk)
{
	const struct h_body *b = &blk->body;
	struct bmap seen = { 0 };
	struct pt p = { 0 };

	for (size_t i = 0; i < b->nattrs; i++)
		if (str_eq(b->attrs[i].name, "matrix"))
			p.matrix = true;
	if (p.matrix)
		bk_note(&L->k, blk->lpos[0], "target \"%s\": a matrix target is not expanded; "
			"what depends on the matrix is left unresolved", t->name);
	L->k.matrix = p.matrix;
	for (size_t i = 0; i < b->nblocks; i++)
		bk_note(&L->k, b->blocks[i].pos, "target \"%s\": the %s block in it is ignored", t->name,
			b->blocks[i].type);
	for (size_t i = 0; i < b->nattrs; i++) {
		const struct h_attr *at = &b->attrs[i];
		const char *n = at->name;
		struct bval v;

		if (!first_of_name(L, b, i, &seen))
			continue;
		if (!str_eq(n, "context") && !str_eq(n, "dockerfile") && !str_eq(n, "dockerfile-inline") &&
		    !str_eq(n, "target") && !str_eq(n, "description") && !str_eq(n, "args") &&
		    !str_eq(n, "contexts") && !str_eq(n, "tags") && !str_eq(n, "platforms") &&
		    !str_eq(n, "output") && !str_eq(n, "inherits") &&
		    !in_list(n, other_attrs, sizeof(other_attrs) / sizeof(*other_attrs))) {
			bk_note(&L->k, at->pos, "target \"%s\": unknown attribute %s is ignored", t->name, n);
			continue;
		}
		v = bk_eval(&L->k, at->x);
		if (str_eq(n, "context"))
			p.context = to_scalar(L, "target", t->name, at, &v);
		else if (str_eq(n, "dockerfile"))
			p.dockerfile = to_scalar(L, "target", t->name, at, &v);
		else if (str_eq(n, "dockerfile-inline"))
			p.inline_ = to_scalar(L, "target", t->name, at, &v);
		else if (str_eq(n, "target"))
			p.target = to_scalar(L, "target", t->name, at, &v);
		else if (str_eq(n, "description"))
			p.description = to_scalar(L, "target", t->name, at, &v);
		else if (str_eq(n, "args"))
			to_map(L, t->name, at, &v, &p.args);
		else if (str_eq(n, "contexts"))
			to_map(L, t->name, at, &v, &p.contexts);
		else if (str_eq(n, "tags"))
			to_list(L, "target", t->name, at, &v, &p.tags);
		else if (str_eq(n, "platforms"))
			to_list(L, "target", t->name, at, &v, &p.platforms);
		else if (str_eq(n, "output"))
			to_list(L, "target", t->name, at, &v, &p.outputs);
		else if (str_eq(n, "inherits"))
			to_list(L, "target", t->name, at, &v, &p.inherits);
	}
	L->k.matrix = false;
	pt_merge(L, &t->own, &p, blk->pos);
}

/* --- inherits ------------------------------------------------------------------------- */

/* Buildx's normalize: a context set to "" is no context. */
static void drop_empty(struct pkvs *m)
{
	size_t n = 0;

	for (size_t i = 0; i < m->n; i++)
		if (!(m->e[i].v.s && !*m->e[i].v.s))
			m->e[n++] = m->e[i];
	m->n = n;
}

static const struct pt *resolve(struct ld *L, size_t ti, int depth, struct y_pos at)
{
	struct trec *t = L->t[ti];
	struct pt acc = { 0 };

	if (t->state == 2)
		return &t->res;
	if (t->state == 1) {
		bk_note(&L->k, at, "target \"%s\" inherits itself through a cycle: "
			"that step is ignored, as Buildx does", t->name);
		return NULL;
	}
	if (depth > BAKE_MAX_INHERITS) {
		bk_error(&L->k, at, "inherits nest too deep (limit %d)", BAKE_MAX_INHERITS);
		return NULL;
	}
	t->state = 1;
	for (size_t i = 0; i < t->own.inherits.n; i++) {
		const struct bake_value *v = &t->own.inherits.v[i];
		size_t *j;
		const struct pt *p;

		if (!v->s)
			continue;
		j = bmap_get(&L->ix->targets, v->s, strlen(v->s));
		if (!j) {
			bk_error(&L->k, v->pos, "target \"%s\" inherits \"%s\", which is not a target",
				 t->name, v->s);
			continue;
		}
		if ((p = resolve(L, *j, depth + 1, v->pos)))
			pt_merge(L, &acc, p, v->pos);
	}
	pt_merge(L, &acc, &t->own, t->pos);
	drop_empty(&acc.contexts);
	acc.inherits = t->own.inherits;
	acc.matrix = t->own.matrix;
	t->res = acc;
	t->state = 2;
	return &t->res;
}

/* --- the result ----------------------------------------------------------------------- */

static struct bake_list out_list(struct ld *L, const struct plist *l, bool dedupe)
{
	struct bake_list out = { 0 };
	struct bmap seen = { 0 };

	out.v = arena_alloc(L->k.a, (l->n + 1) * sizeof(*out.v));
	for (size_t i = 0; i < l->n; i++) {
		const struct bake_value *v = &l->v[i];
		bool dup = false;

		if (dedupe && v->s && !*v->s)
			continue;
		if (dedupe && v->s && l->n <= SMALL) {
			for (size_t k = 0; k < out.n && !dup; k++)
				dup = out.v[k].s && str_eq(out.v[k].s, v->s);
		} else if (dedupe && v->s) {
			dup = !bmap_put(L->k.a, &seen, v->s, strlen(v->s), i);
		}
		if (!dup)
			out.v[out.n++] = *v;
	}
	return out;
}

static struct bake_map out_map(struct ld *L, const struct pkvs *m, bool paths)
{
	struct bake_map out = { 0 };

	out.kv = arena_alloc(L->k.a, (m->n + 1) * sizeof(*out.kv));
	for (size_t i = 0; i < m->n; i++) {
		struct bake_kv *kv = &out.kv[out.n++];
		const char *s = m->e[i].v.s;

		kv->key = m->e[i].key;
		kv->key_pos = m->e[i].kpos;
		kv->value = m->e[i].v;
		if (!paths || !s || bake_context_is_stage(s, NULL) || is_remote(s))
			continue;
		if (!strncmp(s, "cwd://", 6))
			kv->path = path_join(L->k.a, L->workdir, path_clean(L->k.a, s + 6));
		else if (!strstr(s, "://"))
			kv->path = path_join(L->k.a, L->workdir, path_clean(L->k.a, s));
	}
	return out;
}

static void finish_target(struct ld *L, struct trec *t, struct bake_target *out)
{
	const struct pt *p = &t->res;
	const char *ctx, *df;

	out->name = t->name;
	out->pos = t->pos;
	out->context = p->context;
	out->dockerfile = p->dockerfile;
	out->dockerfile_inline = p->inline_;
	out->target = p->target;
	out->description = p->description;
	out->matrix = p->matrix;
	if (!is_set(&out->context)) {
		out->context.s = ".";
		out->context.pos = t->pos;
		out->context.dflt = true;
	}
	if (!is_set(&out->dockerfile) || (out->dockerfile.s && !*out->dockerfile.s)) {
		if (!is_set(&out->dockerfile))
			out->dockerfile.pos = t->pos;
		out->dockerfile.s = "Dockerfile";
		out->dockerfile.unresolved = false;
		out->dockerfile.dflt = true;
	}
	ctx = out->context.s;
	df = out->dockerfile.s;
	if (ctx && !is_remote(ctx))
		out->context_path = path_join(L->k.a, L->workdir,
					      path_clean(L->k.a, strncmp(ctx, "cwd://", 6) ? ctx : ctx + 6));
	if (df && !is_set(&out->dockerfile_inline)) {
		if (!strncmp(df, "cwd://", 6))
			out->dockerfile_path = path_join(L->k.a, L->workdir, path_clean(L->k.a, df + 6));
		else if (df[0] == '/')
			out->dockerfile_path = path_clean(L->k.a, df);
		else if (out->context_path && !is_remote(df))
			out->dockerfile_path = path_join(L->k.a, out->context_path, df);
	}
	if (!bk_entries(&L->k, p->contexts.n + p->args.n + p->tags.n + p->platforms.n +
			p->outputs.n + p->inherits.n, t->pos))
		return;	/* said once: the maps and lists stay empty */
	out->contexts = out_map(L, &p->contexts, true);
	out->args = out_map(L, &p->args, false);
	out->tags = out_list(L, &p->tags, true);
	out->platforms = out_list(L, &p->platforms, true);
	out->outputs = out_list(L, &p->outputs, true);
	out->inherits = out_list(L, &p->inherits, false);
}

/* --- collecting the blocks of every file ------------------------------------------------ */

static bool reserved(const char *name)
{
	return str_eq(name, "target") || str_eq(name, "group") || str_eq(name, "variable") ||
	       str_eq(name, "function") || str_eq(name, "BAKE_CMD_CONTEXT") ||
	       str_eq(name, "BAKE_LOCAL_PLATFORM");
}

static struct bvar *var_rec(struct ld *L, const char *name, struct y_pos pos)
{
	size_t *i = bmap_get(&L->k.varmap, name, strlen(name));
	struct bvar *v;

	if (i)
		return &L->k.vars[*i];
	v = BK_PUSH(L->k.a, L->k.vars, L->k.nvars, L->k.capvars);
	v->name = name;
	v->pos = pos;
	bmap_put(L->k.a, &L->k.varmap, name, strlen(name), L->k.nvars - 1);
	return v;
}

/* The global attributes and variable blocks, each with what wins. */
struct vsrc {
	struct hx *attr;	/* the last global attribute */
	struct hx *def;		/* the last variable block's default */
	bool block;
};

static bool one_label(struct ld *L, const struct h_block *blk)
{
	if (blk->nlabels == 1)
		return true;
	bk_error(&L->k, blk->nlabels ? blk->lpos[1] : blk->pos,
		 "a %s block takes one name in quotes (it has %zu)", blk->type, blk->nlabels);
	return false;
}

static bool count_block(struct ld *L, const struct h_block *blk)
{
	if (++L->nblocks <= BAKE_MAX_BLOCKS)
		return true;
	if (L->nblocks == BAKE_MAX_BLOCKS + 1)
		bk_error(&L->k, blk->pos, "too many blocks in these bake files (limit %d)", BAKE_MAX_BLOCKS);
	return false;
}

static bool before(struct y_pos a, struct y_pos b)
{
	return a.line < b.line || (a.line == b.line && a.col < b.col);
}

static void collect_block(struct ld *L, const struct h_block *blk, struct vsrc **src,
			  size_t *nsrc, size_t *capsrc);

/* The body's attributes and blocks in the order they are written (each
 * list is), so that variables come out in that order. */
static void collect(struct ld *L, const struct h_body *b, struct vsrc **src, size_t *nsrc,
		    size_t *capsrc)
{
	struct bmap seen = { 0 };
	size_t k = 0;

	for (size_t i = 0; i <= b->nattrs; i++) {
		const struct h_attr *at = i < b->nattrs ? &b->attrs[i] : NULL;
		struct bvar *v;
		size_t idx;

		for (; k < b->nblocks && (!at || before(b->blocks[k].pos, at->pos)); k++)
			collect_block(L, &b->blocks[k], src, nsrc, capsrc);
		if (!at)
			break;
		if (!first_of_name(L, b, i, &seen))
			continue;
		if (reserved(at->name)) {
			bk_note(&L->k, at->pos, "the global attribute %s is ignored (a reserved name)", at->name);
			continue;
		}
		v = var_rec(L, at->name, at->pos);
		idx = (size_t)(v - L->k.vars);
		while (*nsrc <= idx)
			BK_PUSH(L->k.a, *src, *nsrc, *capsrc);
		(*src)[idx].attr = at->x;
		if (!(*src)[idx].block)
			v->pos = at->pos;
	}
}

static void collect_block(struct ld *L, const struct h_block *blk, struct vsrc **src,
			  size_t *nsrc, size_t *capsrc)
{
	const char *type = blk->type;

	if (!str_eq(type, "target") && !str_eq(type, "group") && !str_eq(type, "variable") &&
	    !str_eq(type, "function")) {
		bk_note(&L->k, blk->pos, "a %s block is not a bake block: ignored", type);
		return;
	}
	if (!count_block(L, blk) || !one_label(L, blk))
		return;
	if (str_eq(type, "variable")) {
		const char *name = blk->labels[0];
		struct bvar *v;
		size_t idx;

		if (reserved(name)) {
			bk_note(&L->k, blk->lpos[0], "variable %s is ignored (a reserved name)", name);
			return;
		}
		v = var_rec(L, name, blk->lpos[0]);
		idx = (size_t)(v - L->k.vars);
		while (*nsrc <= idx)
			BK_PUSH(L->k.a, *src, *nsrc, *capsrc);
		/* A later variable block replaces the earlier one. */
		(*src)[idx].block = true;
		(*src)[idx].def = NULL;
		v->type = NULL;
		v->pos = blk->lpos[0];
		for (size_t j = 0; j < blk->body.nattrs; j++) {
			const struct h_attr *at = &blk->body.attrs[j];

			if (str_eq(at->name, "default"))
				(*src)[idx].def = at->x;
			else if (str_eq(at->name, "type"))
				v->type = at->x;
		}
	} else if (str_eq(type, "function")) {
		bmap_put(L->k.a, &L->k.funcs, blk->labels[0], strlen(blk->labels[0]), 0);
		bk_note(&L->k, blk->lpos[0], "function \"%s\" is not evaluated: "
			"values that call it are left unresolved", blk->labels[0]);
	} else if (!valid_name(blk->labels[0])) {
		bk_error(&L->k, blk->lpos[0], "%s \"%s\": a name holds only letters, digits, '_' and '-'",
			 type, blk->labels[0]);
	} else if (str_eq(type, "target")) {
		const char *name = blk->labels[0];
		size_t *j = bmap_get(&L->ix->targets, name, strlen(name));
		struct trec *t;

		if (j) {
			t = L->t[*j];
		} else {
			t = arena_alloc(L->k.a, sizeof(*t));
			*BK_PUSH(L->k.a, L->t, L->nt, L->capt) = t;
			t->name = name;
			t->pos = blk->lpos[0];
			bmap_put(L->k.a, &L->ix->targets, name, strlen(name), L->nt - 1);
		}
		*BK_PUSH(L->k.a, t->blocks, t->nblocks, t->capblocks) = blk;
	} else {
		const char *name = blk->labels[0];
		size_t *j = bmap_get(&L->ix->groups, name, strlen(name));
		struct grec *g;

		if (j) {
			g = &L->g[*j];
		} else {
			g = BK_PUSH(L->k.a, L->g, L->ng, L->capg);
			g->name = name;
			g->pos = blk->lpos[0];
			bmap_put(L->k.a, &L->ix->groups, name, strlen(name), L->ng - 1);
		}
		g->block = blk;	/* a later group block replaces the earlier one */
	}
}

static void eval_group(struct ld *L, const struct grec *g, struct bake_group *out)
{
	const struct h_body *b = &g->block->body;
	struct bmap seen = { 0 };

	out->name = g->name;
	out->pos = g->pos;
	for (size_t i = 0; i < b->nattrs; i++) {
		const struct h_attr *at = &b->attrs[i];
		struct bval v;

		if (!first_of_name(L, b, i, &seen))
			continue;
		if (str_eq(at->name, "matrix") || str_eq(at->name, "name")) {
			bk_error(&L->k, at->pos, "group \"%s\": %s is not supported for groups", g->name,
				 at->name);
			continue;
		}
		if (!str_eq(at->name, "targets") && !str_eq(at->name, "description")) {
			bk_note(&L->k, at->pos, "group \"%s\": unknown attribute %s is ignored", g->name,
				at->name);
			continue;
		}
		v = bk_eval(&L->k, at->x);
		if (str_eq(at->name, "targets")) {
			struct plist l;

			to_list(L, "group", g->name, at, &v, &l);
			out->targets.v = l.v;
			out->targets.n = l.n;
		}
	}
	for (size_t i = 0; i < b->nblocks; i++)
		bk_note(&L->k, b->blocks[i].pos, "group \"%s\": the %s block in it is ignored", g->name,
			b->blocks[i].type);
}

static void check_group(struct ld *L, const struct bake_group *g)
{
	for (size_t i = 0; i < g->targets.n; i++) {
		const char *s = g->targets.v[i].s;

		if (s && !bmap_get(&L->ix->targets, s, strlen(s)) &&
		    !bmap_get(&L->ix->groups, s, strlen(s)))
			bk_error(&L->k, g->targets.v[i].pos,
				 "group \"%s\": \"%s\" is neither a target nor a group", g->name, s);
	}
}

/* Whether name ends in ext. */
static bool is_json(const struct bake_file *f)
{
	size_t i = 0;

	if (str_ends_with(f->name, ".json"))
		return true;
	if (str_ends_with(f->name, ".hcl"))
		return false;
	if (f->len >= 3 && !memcmp(f->buf, "\xef\xbb\xbf", 3))
		i = 3;
	while (i < f->len && strchr(" \t\r\n", f->buf[i]))
		i++;
	return i < f->len && f->buf[i] == '{';
}

int bake_load_buffers(struct arena *a, const struct bake_file *files, size_t n,
		      const char *workdir, const struct env *env, struct bake *out,
		      struct report *r)
{
	struct ld L = { 0 };
	struct vsrc *src = NULL;
	size_t nsrc = 0, capsrc = 0;
	const char **names;
	const struct env_var *off;

	memset(out, 0, sizeof(*out));
	L.k.a = a;
	L.k.r = r;
	L.k.env = env;
	off = env ? env_get(env, "BUILDX_BAKE_DISABLE_VARS_ENV_LOOKUP", 35) : NULL;
	L.k.env_lookup = !(off && bk_parse_bool(off->value) == 1);
	L.ix = arena_alloc(a, sizeof(*L.ix));
	L.workdir = workdir ? workdir : n ? path_dir(a, files[0].name) : ".";
	if (n > BAKE_MAX_FILES) {
		struct y_pos pos = { files[BAKE_MAX_FILES].name, 0, 0 };

		bk_error(&L.k, pos, "too many bake files at once (limit %d)", BAKE_MAX_FILES);
		n = BAKE_MAX_FILES;
	}
	names = arena_alloc(a, (n + 1) * sizeof(*names));
	for (size_t i = 0; i < n; i++) {
		struct h_body body;
		struct h_error err = { { NULL, 0, 0 }, NULL };
		bool json = is_json(&files[i]);
		int rc;

		names[out->nfiles++] = files[i].name;
		rc = json ? json_parse(a, files[i].name, files[i].buf, files[i].len, &body, &err) :
			    hcl_parse(a, files[i].name, files[i].buf, files[i].len, &body, &err);
		if (rc) {
			bk_error(&L.k, err.pos, "%s%s (the file is not read)", json ? "invalid JSON: " : "",
				 err.msg ? err.msg : "syntax error");
			continue;
		}
		collect(&L, &body, &src, &nsrc, &capsrc);
	}
	out->files = names;

	/* Every variable's source is known: a global attribute beats a
	 * block's default, the environment beats both for a block. */
	for (size_t i = 0; i < L.k.nvars && i < nsrc; i++) {
		L.k.vars[i].block = src[i].block;
		L.k.vars[i].def = src[i].attr ? src[i].attr : src[i].def;
	}
	out->variables = arena_alloc(a, (L.k.nvars + 1) * sizeof(*out->variables));
	for (size_t i = 0; i < L.k.nvars; i++) {
		struct bake_variable *v = &out->variables[out->nvariables++];
		struct bval val = bk_var(&L.k, i, L.k.vars[i].pos);
		const char *why = NULL;

		v->name = L.k.vars[i].name;
		v->pos = L.k.vars[i].pos;
		v->from_env = L.k.vars[i].from_env;
		v->value.pos = L.k.vars[i].pos;
		v->value.s = val.k == BV_NULL ? NULL : bv_string(a, &val, &why);
		v->value.unresolved = val.k == BV_UNKNOWN;
	}

	for (size_t i = 0; i < L.nt; i++)
		for (size_t j = 0; j < L.t[i]->nblocks; j++)
			eval_target_block(&L, L.t[i], L.t[i]->blocks[j]);
	out->targets = arena_alloc(a, (L.nt + 1) * sizeof(*out->targets));
	for (size_t i = 0; i < L.nt; i++) {
		resolve(&L, i, 0, L.t[i]->pos);
		finish_target(&L, L.t[i], &out->targets[out->n++]);
	}
	out->groups = arena_alloc(a, (L.ng + 1) * sizeof(*out->groups));
	for (size_t i = 0; i < L.ng; i++)
		eval_group(&L, &L.g[i], &out->groups[out->ngroups++]);
	for (size_t i = 0; i < out->ngroups; i++)
		check_group(&L, &out->groups[i]);

	out->notes = L.k.notes;
	out->nnotes = L.k.nnotes;
	out->workdir = L.workdir;
	out->index = L.ix;
	return L.k.errors ? -1 : 0;
}

int bake_load_buffer(struct arena *a, const char *name, const char *buf, size_t len,
		     const struct env *env, struct bake *out, struct report *r)
{
	struct bake_file f = { name, buf, len };

	return bake_load_buffers(a, &f, 1, NULL, env, out, r);
}

int bake_load(struct arena *a, const char *const *paths, size_t n, const char *workdir,
	      const struct env *env, struct bake *out, struct report *r)
{
	struct bake_file *files = arena_alloc(a, (n + 1) * sizeof(*files));
	size_t nf = 0;
	int failed = 0, rc;

	for (size_t i = 0; i < n; i++) {
		const char *why = NULL;
		const char *name = display_path(a, paths[i]);
		size_t len = 0;
		char *buf = read_file(a, paths[i], &len, &why);

		if (!buf) {
			report_error(r, arena_strdup(r->a, name), 0, "cannot read the bake file: %s",
				     why ? why : "unknown error");
			failed = 1;
			continue;
		}
		files[nf].name = name;
		files[nf].buf = buf;
		files[nf].len = len;
		nf++;
	}
	if (!workdir && n)
		workdir = path_dir(a, display_path(a, paths[0]));
	rc = bake_load_buffers(a, files, nf, workdir, env, out, r);
	return rc || failed ? -1 : 0;
}

void bake_report_notes(const struct bake *b, struct report *r)
{
	for (size_t i = 0; i < b->nnotes; i++) {
		const struct bake_note *n = &b->notes[i];

		report_note(r, n->pos.file ? arena_strdup(r->a, n->pos.file) : NULL, "line %u: %s",
			    n->pos.line, n->msg);
	}
}

const struct bake_target *bake_find_target(const struct bake *b, const char *name)
{
	size_t *i;

	if (!b->index)
		return NULL;
	i = bmap_get(&b->index->targets, name, strlen(name));
	return i ? &b->targets[*i] : NULL;
}

size_t bake_resolve(const struct bake *b, struct arena *a, const char *name,
		    const struct bake_target ***out)
{
	/* An explicit stack: groups may name groups thousands deep. */
	struct frame {
		size_t g, next;
	} *stack;
	size_t depth = 0, n = 0;
	bool *group_done, *target_done;
	size_t *gi;

	*out = arena_alloc(a, (b->n + 1) * sizeof(**out));
	if (!b->index)
		return 0;
	gi = bmap_get(&b->index->groups, name, strlen(name));
	if (!gi) {
		const struct bake_target *t = bake_find_target(b, name);

		if (t)
			(*out)[n++] = t;
		return n;
	}
	stack = arena_alloc(a, (b->ngroups + 1) * sizeof(*stack));
	group_done = arena_alloc(a, b->ngroups + 1);
	target_done = arena_alloc(a, b->n + 1);
	stack[depth].g = *gi;
	stack[depth++].next = 0;
	group_done[*gi] = true;
	while (depth) {
		struct frame *f = &stack[depth - 1];
		const struct bake_group *g = &b->groups[f->g];
		const char *m;
		size_t *j;

		if (f->next >= g->targets.n) {
			depth--;
			continue;
		}
		m = g->targets.v[f->next++].s;
		if (!m)
			continue;
		if ((j = bmap_get(&b->index->groups, m, strlen(m)))) {
			if (!group_done[*j]) {
				group_done[*j] = true;
				stack[depth].g = *j;
				stack[depth++].next = 0;
			}
		} else if ((j = bmap_get(&b->index->targets, m, strlen(m))) && !target_done[*j]) {
			target_done[*j] = true;
			(*out)[n++] = &b->targets[*j];
		}
	}
	return n;
}
