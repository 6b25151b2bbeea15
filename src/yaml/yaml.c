#include "yaml/yaml.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <yaml.h>

#include "util/die.h"
#include "util/strbuf.h"

/*
 * The tree is built straight from libyaml's event stream (no libyaml
 * document tree), with an explicit stack of open collections, so neither
 * deep nesting nor long inputs touch the C stack. Children of the open
 * collections wait in one shared "slot" array and are copied into exactly
 * sized arena arrays when their collection ends.
 *
 * What go-yaml v3 (and so Compose) does, and we do too:
 *  - an alias is a deep copy of its anchor's node; copies made by aliases
 *    and merge keys count against Y_MAX_ALIAS_NODES per file;
 *  - an anchor is bound when its node starts, so `&a [&a x, *a]` refers to
 *    x, and an alias inside its own anchor's node is an error;
 *  - `<<` (plain, or tagged !!merge) takes a mapping, an alias of one, or a
 *    sequence of those; keys written in the mapping win, then the first
 *    merged mapping that has the key;
 *  - duplicate keys (by value) are errors; keys a merge provides are not
 *    duplicates;
 *  - y_load() reads the first document only (and stops there: later ones
 *    are not even parsed); y_load_all() reads them all, as compose-go's
 *    loader does, anchors being local to their document.
 * Scalars stay strings; typing is up to y_is_null() and y_bool().
 */

#define S_MERGE_KEY	1u	/* a map key slot that is `<<` */
#define S_BORROWED	2u	/* an anchor's own node, to be copied on merge */
#define S_MERGE_SEQ	4u	/* marker: the next nitems slots are merge sources */

struct slot {
	struct y_node *n;
	size_t count;		/* nodes in n's subtree (an upper bound) */
	size_t nitems;		/* S_MERGE_SEQ */
	unsigned height;	/* levels in n's subtree */
	unsigned flags;
};

struct frame {
	struct y_node *n;	/* the open collection (NULL for an unanchored merge sequence) */
	size_t base;		/* its first slot */
	size_t count;
	unsigned height;	/* of its tallest child */
	long anchor;		/* anchor record to complete at the end, or -1 */
	bool merge_seq;		/* the sequence value of a `<<` key */
	bool want_key;		/* map: the next child is a key */
	bool merge_value;	/* map: the next child is the value of `<<` */
};

struct anchor {
	const char *name;
	struct y_node *n;	/* NULL until complete */
	size_t count;
	unsigned height;
	long prev;		/* older record in the same hash chain */
};

struct loader {
	struct arena *a;
	const char *file;
	const char *buf;
	size_t len;
	struct y_error *err;
	bool failed;

	struct slot *slots;
	size_t nslots, capslots;
	struct frame *frames;
	size_t nframes, capframes;

	struct anchor *anchors;
	size_t nanchors, capanchors;
	long *abuckets;		/* hash of anchor names -> newest record */
	size_t nabuckets;

	size_t alias_nodes;	/* budget used */
	struct y_node *root;	/* of the current document */

	/* Key set reused by every mapping: indexes into keys[], 0 = empty. */
	const struct y_node **keys;
	size_t nkeys, capkeys;
	uint32_t *kset;
	size_t capkset, allockset;
};

static const char merge_tag[] = "tag:yaml.org,2002:merge";

static void *xrealloc(void *p, size_t n)
{
	void *q = realloc(p, n ? n : 1);

	if (!q)
		die("out of memory");
	return q;
}

#define GROW(arr, n, cap) do { \
	if ((n) == (cap)) { \
		(cap) = (cap) ? (cap) * 2 : 64; \
		(arr) = xrealloc((arr), (cap) * sizeof(*(arr))); \
	} \
} while (0)

/* A short, printable rendering of s for messages. */
static const char *show(struct arena *a, const char *s, size_t len)
{
	struct strbuf sb = STRBUF_INIT;
	const char *out;
	size_t i;

	for (i = 0; i < len && sb.len < 60; i++) {
		unsigned char c = (unsigned char)s[i];

		if (c == '\n')
			strbuf_addstr(&sb, "\\n");
		else if (c == '\t')
			strbuf_addstr(&sb, "\\t");
		else if (c < 0x20 || c == 0x7f)
			strbuf_addf(&sb, "\\x%02x", c);
		else
			strbuf_addch(&sb, c);
	}
	if (i < len)
		strbuf_addstr(&sb, "...");
	out = arena_strndup(a, sb.buf, sb.len);
	strbuf_release(&sb);
	return out;
}

static struct y_pos mkpos(const struct loader *l, yaml_mark_t m)
{
	struct y_pos p;

	p.file = l->file;
	p.line = m.line + 1 > UINT32_MAX ? UINT32_MAX : (unsigned)m.line + 1;
	p.col = m.column + 1 > UINT32_MAX ? UINT32_MAX : (unsigned)m.column + 1;
	return p;
}

__attribute__((format(printf, 3, 4)))
static void fail(struct loader *l, struct y_pos pos, const char *fmt, ...)
{
	va_list ap;
	char tmp[512];

	if (l->failed)
		return;
	l->failed = true;
	va_start(ap, fmt);
	vsnprintf(tmp, sizeof(tmp), fmt, ap);
	va_end(ap);
	l->err->pos = pos;
	l->err->msg = arena_strdup(l->a, tmp);
}

/* Line and column of a byte offset (reader errors come with an offset). */
static struct y_pos offset_pos(const struct loader *l, size_t off)
{
	struct y_pos p = { l->file, 1, 1 };

	if (off > l->len)
		off = l->len;
	for (size_t i = 0; i < off; i++) {
		if (l->buf[i] == '\n') {
			p.line++;
			p.col = 1;
		} else if (((unsigned char)l->buf[i] & 0xc0) != 0x80) {
			p.col++;
		}
	}
	return p;
}

static void fail_libyaml(struct loader *l, const yaml_parser_t *p)
{
	const char *problem = p->problem ? p->problem : "unknown problem parsing YAML";

	switch (p->error) {
	case YAML_MEMORY_ERROR:
		die("out of memory");
		break;
	case YAML_READER_ERROR:
		if (p->problem_value != -1)
			fail(l, offset_pos(l, p->problem_offset), "%s (#%X)", problem,
			     (unsigned)p->problem_value);
		else
			fail(l, offset_pos(l, p->problem_offset), "%s", problem);
		break;
	default:
		if (p->context)
			fail(l, mkpos(l, p->problem_mark), "%s (%s that started at line %u)",
			     problem, p->context, (unsigned)p->context_mark.line + 1);
		else
			fail(l, mkpos(l, p->problem_mark), "%s", problem);
		break;
	}
}

/* --- anchors ------------------------------------------------------------ */

static uint32_t hash(const char *s, size_t len)
{
	uint32_t h = 2166136261u;

	for (size_t i = 0; i < len; i++) {
		h ^= (unsigned char)s[i];
		h *= 16777619u;
	}
	return h;
}

static long anchor_find(const struct loader *l, const char *name)
{
	long i;

	if (!l->nabuckets)
		return -1;
	i = l->abuckets[hash(name, strlen(name)) & (l->nabuckets - 1)];
	for (; i >= 0; i = l->anchors[i].prev)
		if (!strcmp(l->anchors[i].name, name))
			return i;
	return -1;
}

static void anchor_rehash(struct loader *l)
{
	size_t nb = l->nabuckets ? l->nabuckets * 2 : 64;

	l->abuckets = xrealloc(l->abuckets, nb * sizeof(*l->abuckets));
	l->nabuckets = nb;
	for (size_t i = 0; i < nb; i++)
		l->abuckets[i] = -1;
	/* Oldest first so each chain lists newer records before older ones. */
	for (size_t i = 0; i < l->nanchors; i++) {
		struct anchor *an = &l->anchors[i];
		long *b = &l->abuckets[hash(an->name, strlen(an->name)) & (nb - 1)];

		an->prev = *b;
		*b = (long)i;
	}
}

/* Binds name to a new record (the node comes when it is complete). */
static long anchor_bind(struct loader *l, const char *name)
{
	struct anchor *an;
	long *b;

	GROW(l->anchors, l->nanchors, l->capanchors);
	an = &l->anchors[l->nanchors];
	memset(an, 0, sizeof(*an));
	an->name = arena_strdup(l->a, name);
	l->nanchors++;
	if (l->nanchors > l->nabuckets / 2) {
		anchor_rehash(l);
	} else {
		b = &l->abuckets[hash(name, strlen(name)) & (l->nabuckets - 1)];
		an->prev = *b;
		*b = (long)(l->nanchors - 1);
	}
	return (long)(l->nanchors - 1);
}

static void anchor_complete(struct loader *l, long id, struct y_node *n, size_t count,
			    unsigned height)
{
	if (id < 0)
		return;
	l->anchors[id].n = n;
	l->anchors[id].count = count;
	l->anchors[id].height = height;
}

/* --- copying -------------------------------------------------------------- */

struct copy_job {
	const struct y_node *src;
	struct y_node *dst;
};

static struct y_node *copy_node(struct arena *a, const struct y_node *s, struct y_pos via)
{
	struct y_node *d = arena_alloc(a, sizeof(*d));

	*d = *s;
	if (!d->via.file && via.file)
		d->via = via;
	return d;
}

/* Deep copy without recursion; *count gets the number of nodes made. */
static struct y_node *clone_tree(struct arena *a, const struct y_node *n, struct y_pos via,
				 size_t *count)
{
	struct copy_job *stack = NULL;
	size_t nstack = 0, capstack = 0, made = 1;
	struct y_node *root;

	if (!n)
		return NULL;
	root = copy_node(a, n, via);
	if (n->kind == Y_SCALAR) {
		if (count)
			*count = 1;
		return root;
	}
	GROW(stack, nstack, capstack);
	stack[nstack++] = (struct copy_job){ n, root };
	while (nstack) {
		struct copy_job j = stack[--nstack];

		if (j.src->kind == Y_MAP && j.src->npairs) {
			j.dst->pairs = arena_alloc(a, j.src->npairs * sizeof(*j.dst->pairs));
			for (size_t i = 0; i < j.src->npairs; i++) {
				const struct y_pair *sp = &j.src->pairs[i];

				j.dst->pairs[i].key = copy_node(a, sp->key, via);
				j.dst->pairs[i].value = copy_node(a, sp->value, via);
				made += 2;
				if (sp->key->kind != Y_SCALAR) {
					GROW(stack, nstack, capstack);
					stack[nstack++] = (struct copy_job){ sp->key, j.dst->pairs[i].key };
				}
				if (sp->value->kind != Y_SCALAR) {
					GROW(stack, nstack, capstack);
					stack[nstack++] = (struct copy_job){ sp->value, j.dst->pairs[i].value };
				}
			}
		} else if (j.src->kind == Y_SEQ && j.src->nitems) {
			j.dst->items = arena_alloc(a, j.src->nitems * sizeof(*j.dst->items));
			for (size_t i = 0; i < j.src->nitems; i++) {
				const struct y_node *si = j.src->items[i];

				j.dst->items[i] = copy_node(a, si, via);
				made++;
				if (si->kind != Y_SCALAR) {
					GROW(stack, nstack, capstack);
					stack[nstack++] = (struct copy_job){ si, j.dst->items[i] };
				}
			}
		}
	}
	free(stack);
	if (count)
		*count = made;
	return root;
}

struct y_node *y_clone(struct arena *a, const struct y_node *n, struct y_pos via)
{
	return clone_tree(a, n, via, NULL);
}

/* Charges n alias-made nodes to the budget; false (and an error) when blown. */
static bool budget(struct loader *l, size_t n, struct y_pos at)
{
	if (n > Y_MAX_ALIAS_NODES || l->alias_nodes > Y_MAX_ALIAS_NODES - n) {
		fail(l, at, "too many alias expansions (a billion laughs?)");
		return false;
	}
	l->alias_nodes += n;
	return true;
}

/* --- the key set ---------------------------------------------------------- */

static void kset_reset(struct loader *l, size_t want)
{
	size_t cap = 16;

	while (cap < want * 2)
		cap *= 2;
	if (cap > l->allockset) {
		free(l->kset);
		l->kset = xrealloc(NULL, cap * sizeof(*l->kset));
		l->allockset = cap;
	}
	memset(l->kset, 0, cap * sizeof(*l->kset));
	l->capkset = cap;
	l->nkeys = 0;
}

/* Adds k unless an equal key is there; returns the one already there. */
static const struct y_node *kset_add(struct loader *l, const struct y_node *k)
{
	size_t mask = l->capkset - 1;
	size_t i = hash(k->str, k->len) & mask;

	for (; l->kset[i]; i = (i + 1) & mask) {
		const struct y_node *o = l->keys[l->kset[i] - 1];

		if (o->len == k->len && !memcmp(o->str, k->str, k->len))
			return o;
	}
	GROW(l->keys, l->nkeys, l->capkeys);
	l->keys[l->nkeys++] = k;
	l->kset[i] = (uint32_t)l->nkeys;
	return NULL;
}

/* --- building ------------------------------------------------------------- */

static bool is_merge_key(const struct y_node *k)
{
	if (k->kind != Y_SCALAR || k->len != 2 || memcmp(k->str, "<<", 2))
		return false;
	/* go-yaml's isMerge: plain (resolved to !!merge), "!" or !!merge. */
	if (k->tag)
		return !strcmp(k->tag, merge_tag) || !strcmp(k->tag, "!");
	return k->plain;
}

static const char *intern_tag(struct loader *l, const unsigned char *tag)
{
	if (!tag)
		return NULL;
	if (!strcmp((const char *)tag, "!reset"))
		return "!reset";
	if (!strcmp((const char *)tag, "!override"))
		return "!override";
	return arena_strdup(l->a, (const char *)tag);
}

static struct frame *top(struct loader *l)
{
	return l->nframes ? &l->frames[l->nframes - 1] : NULL;
}

static void push_slot(struct loader *l, struct slot s)
{
	GROW(l->slots, l->nslots, l->capslots);
	l->slots[l->nslots++] = s;
}

static void add_to_frame(struct frame *f, const struct slot *s)
{
	f->count += s->count;
	if (s->height > f->height)
		f->height = s->height;
}

#define WANT_MAP "map merge requires map or sequence of maps as the value"

/* A finished node (or a borrowed anchor for a merge) goes to its parent. */
static void attach(struct loader *l, struct slot s)
{
	struct frame *f = top(l);

	if (!f) {
		l->root = s.n;
		return;
	}
	if (f->merge_seq) {
		if (s.n->kind != Y_MAP) {
			fail(l, s.n->pos, WANT_MAP);
			return;
		}
	} else if (f->n->kind == Y_MAP && f->want_key) {
		if (s.n->kind != Y_SCALAR) {
			fail(l, s.n->pos, "a mapping key must be a scalar");
			return;
		}
		if (is_merge_key(s.n)) {
			s.flags |= S_MERGE_KEY;
			f->merge_value = true;
		}
		f->want_key = false;
	} else if (f->n->kind == Y_MAP) {
		if (f->merge_value && s.n->kind != Y_MAP) {
			fail(l, s.n->pos, WANT_MAP);
			return;
		}
		f->merge_value = false;
		f->want_key = true;
	}
	add_to_frame(f, &s);
	push_slot(l, s);
}

static bool depth_ok(struct loader *l, unsigned height, struct y_pos at)
{
	if (l->nframes + height > Y_MAX_DEPTH) {
		fail(l, at, "too deeply nested (more than %d levels)", Y_MAX_DEPTH);
		return false;
	}
	return true;
}

static void open_collection(struct loader *l, enum y_kind kind, yaml_mark_t m,
			    const unsigned char *anchor, const unsigned char *tag)
{
	struct frame *parent = top(l), *f;
	struct y_pos pos = mkpos(l, m);
	bool merge_seq = false;

	if (!depth_ok(l, 1, pos))
		return;
	if (parent && parent->n && parent->n->kind == Y_MAP && !parent->want_key &&
	    parent->merge_value) {
		if (kind == Y_SEQ) {
			merge_seq = true;
			push_slot(l, (struct slot){ .flags = S_MERGE_SEQ });
		}
	} else if (parent && parent->merge_seq && kind != Y_MAP) {
		fail(l, pos, WANT_MAP);
		return;
	}
	GROW(l->frames, l->nframes, l->capframes);
	f = &l->frames[l->nframes++];
	memset(f, 0, sizeof(*f));
	f->merge_seq = merge_seq;
	f->base = l->nslots;
	f->count = 1;
	f->want_key = true;
	f->anchor = anchor ? anchor_bind(l, (const char *)anchor) : -1;
	if (!merge_seq || anchor) {
		f->n = arena_alloc(l->a, sizeof(*f->n));
		f->n->kind = kind;
		f->n->pos = pos;
		f->n->tag = intern_tag(l, tag);
	}
}

static void close_seq(struct loader *l)
{
	struct frame f = l->frames[--l->nframes];
	size_t n = l->nslots - f.base;
	struct frame *parent;

	if (f.n) {
		f.n->nitems = n;
		if (n) {
			f.n->items = arena_alloc(l->a, n * sizeof(*f.n->items));
			for (size_t i = 0; i < n; i++)
				f.n->items[i] = l->slots[f.base + i].n;
		}
		anchor_complete(l, f.anchor, f.n, f.count, f.height + 1);
	}
	if (f.merge_seq) {
		/* The sources stay in the parent's slots behind their marker. */
		l->slots[f.base - 1].nitems = n;
		parent = top(l);
		add_to_frame(parent, &(struct slot){ .count = f.count, .height = f.height + 1 });
		parent->merge_value = false;
		parent->want_key = true;
		return;
	}
	l->nslots = f.base;
	attach(l, (struct slot){ .n = f.n, .count = f.count, .height = f.height + 1 });
}

/* Copies (borrowed) or moves (written in place) a merge source's pairs
 * into out, skipping keys already there. */
static void merge_source(struct loader *l, const struct slot *src, struct y_pos via,
			 struct y_pair *out, size_t *nout)
{
	const struct y_node *m = src->n;

	if ((src->flags & S_BORROWED) && !budget(l, src->count, via))
		return;
	for (size_t i = 0; i < m->npairs; i++) {
		struct y_pair p = m->pairs[i];

		if (kset_add(l, p.key))
			continue;
		/* Copies were charged for the whole source above. */
		if (src->flags & S_BORROWED) {
			p.key = clone_tree(l->a, p.key, via, NULL);
			p.value = clone_tree(l->a, p.value, via, NULL);
		}
		out[(*nout)++] = p;
	}
}

/* The slot after key slot i that holds its value; *next is the next key. */
static size_t merge_sources(const struct slot *s, size_t n, size_t i, size_t *first,
			    size_t *next)
{
	if (i + 1 < n && (s[i + 1].flags & S_MERGE_SEQ)) {
		*first = i + 2;
		*next = i + 2 + s[i + 1].nitems;
		return s[i + 1].nitems;
	}
	*first = i + 1;
	*next = i + 2;
	return i + 1 < n ? 1 : 0;
}

static void close_map(struct loader *l)
{
	struct frame f = l->frames[--l->nframes];
	size_t n = l->nslots - f.base, nwritten = 0, nmerged = 0, npairs = 0;
	struct slot *s = n ? l->slots + f.base : NULL;	/* slots may still be NULL */
	size_t i, j, first, next, nsrc;
	struct y_pair *out = NULL;

	for (i = 0; i < n; i = next) {
		nwritten++;
		nsrc = merge_sources(s, n, i, &first, &next);
		if (s[i].flags & S_MERGE_KEY)
			for (j = 0; j < nsrc; j++)
				nmerged += s[first + j].n->npairs;
	}
	/* Written keys (`<<` included, as in go-yaml) go in first: they are
	 * checked for duplicates and merges can't override them. */
	kset_reset(l, nwritten + nmerged);
	for (i = 0; i < n; i = next) {
		const struct y_node *k = s[i].n, *o = kset_add(l, k);

		merge_sources(s, n, i, &first, &next);
		if (o) {
			fail(l, k->pos, "duplicate key '%s' (first defined at line %u)",
			     show(l->a, k->str, k->len), o->pos.line);
			return;
		}
	}
	if (nwritten + nmerged)
		out = arena_alloc(l->a, (nwritten + nmerged) * sizeof(*out));
	for (i = 0; i < n && !l->failed; i = next) {
		nsrc = merge_sources(s, n, i, &first, &next);
		if (!(s[i].flags & S_MERGE_KEY)) {
			if (nsrc)
				out[npairs++] = (struct y_pair){ s[i].n, s[first].n };
			continue;
		}
		/* Merged pairs take the place of the `<<` key, first source first. */
		for (j = 0; j < nsrc && !l->failed; j++)
			merge_source(l, &s[first + j], s[i].n->pos, out, &npairs);
	}
	if (l->failed)
		return;
	f.n->pairs = out;
	f.n->npairs = npairs;
	anchor_complete(l, f.anchor, f.n, f.count, f.height + 1);
	l->nslots = f.base;
	attach(l, (struct slot){ .n = f.n, .count = f.count, .height = f.height + 1 });
}

static void on_scalar(struct loader *l, const yaml_event_t *ev)
{
	struct y_node *n = arena_alloc(l->a, sizeof(*n));
	long id;

	n->kind = Y_SCALAR;
	n->pos = mkpos(l, ev->start_mark);
	n->tag = intern_tag(l, ev->data.scalar.tag);
	n->str = arena_strndup(l->a, (const char *)ev->data.scalar.value, ev->data.scalar.length);
	n->len = ev->data.scalar.length;
	n->plain = ev->data.scalar.style == YAML_PLAIN_SCALAR_STYLE;
	if (ev->data.scalar.anchor) {
		id = anchor_bind(l, (const char *)ev->data.scalar.anchor);
		anchor_complete(l, id, n, 1, 1);
	}
	if (!depth_ok(l, 1, n->pos))
		return;
	attach(l, (struct slot){ .n = n, .count = 1, .height = 1 });
}

static bool all_maps(const struct y_node *seq)
{
	for (size_t i = 0; i < seq->nitems; i++)
		if (seq->items[i]->kind != Y_MAP)
			return false;
	return true;
}

/* Nodes in a tree (for the alias budget); trees are never deeper than
 * Y_MAX_DEPTH. */
static size_t count_tree(const struct y_node *n, unsigned depth)
{
	size_t c = 1;

	if (depth > Y_MAX_DEPTH)
		return c;
	for (size_t i = 0; n->kind == Y_MAP && i < n->npairs; i++)
		c += 1 + count_tree(n->pairs[i].value, depth + 1);
	for (size_t i = 0; n->kind == Y_SEQ && i < n->nitems; i++)
		c += count_tree(n->items[i], depth + 1);
	return c;
}

static void on_alias(struct loader *l, const yaml_event_t *ev)
{
	const char *name = (const char *)ev->data.alias.anchor;
	struct y_pos pos = mkpos(l, ev->start_mark);
	struct frame *f = top(l);
	long id = anchor_find(l, name);
	const struct anchor *an;
	struct y_node *n;
	size_t made;

	if (id < 0) {
		fail(l, pos, "unknown anchor '%s' referenced", show(l->a, name, strlen(name)));
		return;
	}
	an = &l->anchors[id];
	if (!an->n) {
		fail(l, pos, "anchor '%s' value contains itself", show(l->a, name, strlen(name)));
		return;
	}
	if (!depth_ok(l, an->height, pos))
		return;
	/* `<<: *list` where the anchor is a list of mappings: each one a
	 * source, as if the list were written there (Compose accepts it). */
	if (f && !f->merge_seq && f->n->kind == Y_MAP && !f->want_key && f->merge_value &&
	    an->n->kind == Y_SEQ && all_maps(an->n)) {
		push_slot(l, (struct slot){ .flags = S_MERGE_SEQ, .nitems = an->n->nitems });
		for (size_t i = 0; i < an->n->nitems; i++)
			push_slot(l, (struct slot){ .n = an->n->items[i],
						    .count = count_tree(an->n->items[i], 0),
						    .height = an->height, .flags = S_BORROWED });
		add_to_frame(f, &(struct slot){ .count = an->count, .height = an->height });
		f->merge_value = false;
		f->want_key = true;
		return;
	}
	/* A merge source is copied pair by pair when its mapping ends. */
	if (f && (f->merge_seq || (f->n->kind == Y_MAP && !f->want_key && f->merge_value))) {
		if (an->n->kind != Y_MAP) {
			fail(l, pos, WANT_MAP);
			return;
		}
		attach(l, (struct slot){ .n = an->n, .count = an->count, .height = an->height,
					 .flags = S_BORROWED });
		return;
	}
	if (!budget(l, an->count, pos))
		return;
	n = clone_tree(l->a, an->n, pos, &made);
	attach(l, (struct slot){ .n = n, .count = made, .height = an->height });
}

/* A document with nothing in it ("---", or only comments) has no root. */
static struct y_node *doc_root(struct y_node *n)
{
	if (n && n->kind == Y_SCALAR && n->plain && !n->len && !n->tag)
		return NULL;
	return n;
}

static int load(struct arena *a, const char *file, const char *buf, size_t len, bool all,
		struct y_node ***roots, size_t *nroots, struct y_error *err)
{
	struct loader l;
	yaml_parser_t p;
	yaml_event_t ev;
	size_t caproots = 0;
	bool done = false;

	memset(&l, 0, sizeof(l));
	l.a = a;
	l.file = file ? arena_strdup(a, file) : NULL;
	l.buf = buf;
	l.len = len;
	l.err = err;
	err->pos = (struct y_pos){ l.file, 0, 0 };
	err->msg = NULL;
	*roots = NULL;
	*nroots = 0;

	if (!yaml_parser_initialize(&p))
		die("out of memory");
	yaml_parser_set_input_string(&p, (const unsigned char *)buf, len);
	while (!done && !l.failed) {
		if (!yaml_parser_parse(&p, &ev)) {
			fail_libyaml(&l, &p);
			break;
		}
		switch (ev.type) {
		case YAML_SCALAR_EVENT:
			on_scalar(&l, &ev);
			break;
		case YAML_ALIAS_EVENT:
			on_alias(&l, &ev);
			break;
		case YAML_SEQUENCE_START_EVENT:
			open_collection(&l, Y_SEQ, ev.start_mark, ev.data.sequence_start.anchor,
					ev.data.sequence_start.tag);
			break;
		case YAML_MAPPING_START_EVENT:
			open_collection(&l, Y_MAP, ev.start_mark, ev.data.mapping_start.anchor,
					ev.data.mapping_start.tag);
			break;
		case YAML_SEQUENCE_END_EVENT:
			close_seq(&l);
			break;
		case YAML_MAPPING_END_EVENT:
			close_map(&l);
			break;
		case YAML_DOCUMENT_START_EVENT:
			/* Anchors don't cross documents; the budget does. */
			l.nanchors = 0;
			for (size_t i = 0; i < l.nabuckets; i++)
				l.abuckets[i] = -1;
			l.root = NULL;
			break;
		case YAML_DOCUMENT_END_EVENT:
			*ARENA_PUSH(a, *roots, *nroots, caproots) = doc_root(l.root);
			done = !all;
			break;
		case YAML_STREAM_END_EVENT:
			done = true;
			break;
		default:
			break;
		}
		yaml_event_delete(&ev);
	}
	yaml_parser_delete(&p);
	free(l.slots);
	free(l.frames);
	free(l.anchors);
	free(l.abuckets);
	free(l.keys);
	free(l.kset);
	if (l.failed) {
		*roots = NULL;
		*nroots = 0;
		return -1;
	}
	return 0;
}

int y_load(struct arena *a, const char *file, const char *buf, size_t len,
	   struct y_node **root, struct y_error *err)
{
	struct y_node **roots;
	size_t n;
	int rc = load(a, file, buf, len, false, &roots, &n, err);

	*root = rc == 0 && n ? roots[0] : NULL;
	return rc;
}

int y_load_all(struct arena *a, const char *file, const char *buf, size_t len,
	       struct y_node ***roots, size_t *nroots, struct y_error *err)
{
	return load(a, file, buf, len, true, roots, nroots, err);
}

/* --- queries ------------------------------------------------------------------ */

struct y_node *y_get(const struct y_node *map, const char *key)
{
	size_t len;

	if (!map || map->kind != Y_MAP || !key)
		return NULL;
	len = strlen(key);
	for (size_t i = 0; i < map->npairs; i++) {
		const struct y_node *k = map->pairs[i].key;

		if (k->len == len && !memcmp(k->str, key, len))
			return map->pairs[i].value;
	}
	return NULL;
}

/* An explicit core-schema tag decides the type; any other tag ("!", or
 * Compose's !reset and !override) leaves the plain-scalar rules. */
static bool tagged(const struct y_node *n, const char *type)
{
	return n->tag && !strncmp(n->tag, "tag:yaml.org,2002:", 18) && !strcmp(n->tag + 18, type);
}

static bool core_tag(const struct y_node *n)
{
	return n->tag && !strncmp(n->tag, "tag:yaml.org,2002:", 18);
}

bool y_is_null(const struct y_node *n)
{
	if (!n || n->kind != Y_SCALAR)
		return false;
	if (tagged(n, "null"))
		return true;
	if (!n->plain || core_tag(n) || (n->tag && !strcmp(n->tag, "!")))
		return false;
	return n->len == 0 || !strcmp(n->str, "~") || !strcmp(n->str, "null") ||
	       !strcmp(n->str, "Null") || !strcmp(n->str, "NULL");
}

/*
 * Strictly YAML 1.2's core schema: true/True/TRUE and false/False/FALSE,
 * which is what go-yaml v3 gives when decoding into interface{} (yes, no,
 * on and off are strings there). Quoting does not matter here because
 * Compose casts the strings found at boolean fields itself (compose-go's
 * toBoolean, which also takes y/yes/on/n/no/off in any case, with a
 * warning); that cast is the model's business, not this one's.
 */
int y_bool(const struct y_node *n)
{
	if (!n || n->kind != Y_SCALAR || n->len > 5)
		return -1;
	if (!strcmp(n->str, "true") || !strcmp(n->str, "True") || !strcmp(n->str, "TRUE"))
		return 1;
	if (!strcmp(n->str, "false") || !strcmp(n->str, "False") || !strcmp(n->str, "FALSE"))
		return 0;
	return -1;
}

struct y_node *y_scalar(struct arena *a, const char *s, struct y_pos pos)
{
	struct y_node *n = arena_alloc(a, sizeof(*n));

	n->kind = Y_SCALAR;
	n->pos = pos;
	n->len = s ? strlen(s) : 0;
	n->str = arena_strndup(a, s ? s : "", n->len);
	return n;
}
