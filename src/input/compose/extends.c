/* extends: in the same file and from other files (compose-go
 * loader/extends.go), with a bounded copy budget. */

#include "input/compose/load.h"
#include "util/strbuf.h"

enum { EXT_TODO, EXT_BUSY, EXT_DONE };

static void ensure_states(struct ld *L, struct ld_file *f, const struct y_node *services)
{
	if (!f->ext_state || f->next_state < services->npairs) {
		f->ext_state = arena_alloc(L->a, services->npairs + 1);
		f->next_state = services->npairs;
	}
}

static size_t count_nodes(const struct y_node *n, int depth)
{
	size_t c = 1;

	if (!n || depth > MAX_DEPTH)
		return 1;
	if (n->kind == Y_MAP)
		for (size_t i = 0; i < n->npairs; i++)
			c += 1 + count_nodes(n->pairs[i].value, depth + 1);
	else if (n->kind == Y_SEQ)
		for (size_t i = 0; i < n->nitems; i++)
			c += count_nodes(n->items[i], depth + 1);
	return c;
}

/* A deep copy whose every node was pulled in by the extends at via. */
static struct y_node *clone_via(struct ld *L, const struct y_node *n, struct y_pos via, int depth)
{
	struct y_node *c = arena_alloc(L->a, sizeof(*c));

	*c = *n;
	c->via = via;
	if (depth > MAX_DEPTH)
		return c;
	if (n->kind == Y_MAP && n->npairs) {
		c->pairs = arena_alloc(L->a, n->npairs * sizeof(*c->pairs));
		for (size_t i = 0; i < n->npairs; i++) {
			c->pairs[i].key = clone_via(L, n->pairs[i].key, via, depth + 1);
			c->pairs[i].value = clone_via(L, n->pairs[i].value, via, depth + 1);
		}
	} else if (n->kind == Y_SEQ && n->nitems) {
		c->items = arena_alloc(L->a, n->nitems * sizeof(*c->items));
		for (size_t i = 0; i < n->nitems; i++)
			c->items[i] = clone_via(L, n->items[i], via, depth + 1);
	}
	return c;
}

static struct y_node *without_key(struct ld *L, struct y_node *map, const char *key)
{
	struct y_node *m = arena_alloc(L->a, sizeof(*m));
	size_t o = 0;

	*m = *map;
	m->pairs = arena_alloc(L->a, (map->npairs + 1) * sizeof(*m->pairs));
	for (size_t i = 0; i < map->npairs; i++)
		if (!streq(map->pairs[i].key->str, key))
			m->pairs[o++] = map->pairs[i];
	m->npairs = o;
	return m;
}

static struct y_node *resolve_extends(struct ld *L, struct ld_file *f, size_t idx,
				      const struct env *env, int depth);

/* The service `name` of file f, extends resolved; NULL (reported) if none. */
static struct y_node *extends_base(struct ld *L, struct ld_file *f, const char *name,
				   const struct y_node *ext, const struct y_node *svc_key,
				   const struct env *env, int depth)
{
	struct y_node *services = f->root ? get(f->root, "services") : NULL;

	if (!services || services->kind != Y_MAP) {
		ld_error(L, ext, "cannot extend service \"%s\": %s has no services", svc_key->str,
			 f->path);
		return NULL;
	}
	for (size_t i = 0; i < services->npairs; i++)
		if (streq(services->pairs[i].key->str, name))
			return resolve_extends(L, f, i, env, depth + 1);
	ld_error(L, ext, "cannot extend service \"%s\": service \"%s\" not found in %s",
		 svc_key->str, name, f->path);
	return NULL;
}

/* After a reported problem: the service without its extends, done. */
static struct y_node *drop_extends(struct ld *L, struct ld_file *f, size_t idx)
{
	struct y_pair *sp = &get(f->root, "services")->pairs[idx];

	/* Don't report what the missing base would have given. */
	smap_put(&L->ext_failed, sp->key->str, 0);
	f->ext_state[idx] = EXT_DONE;
	sp->value = without_key(L, sp->value, "extends");
	return sp->value;
}

/* Resolves extends for service idx of f's services (compose-go
 * loader/extends.go), recursively; returns the resolved service. */
static struct y_node *resolve_extends(struct ld *L, struct ld_file *f, size_t idx,
				      const struct env *env, int depth)
{
	struct y_node *services = get(f->root, "services");
	struct y_pair *sp = &services->pairs[idx];
	struct y_node *svc = sp->value, *ext, *base, *copy, *merged;
	struct y_pair *ep;
	const char *ref = NULL, *file = NULL;
	struct ld_file *bf = f;
	struct path *p = &L->path;
	size_t cost;

	ensure_states(L, f, services);
	if (svc->kind != Y_MAP || !(ep = pair_of(svc, "extends")))
		return svc;
	ext = ep->value;
	if (f->ext_state[idx] == EXT_DONE)
		return svc;
	if (f->ext_state[idx] == EXT_BUSY) {
		struct strbuf sb = STRBUF_INIT;
		int from = 0;

		for (int i = 0; i < L->next_chain; i++)
			if (streq(L->ext_chain[i], sp->key->str))
				from = i;
		for (int i = from; i < L->next_chain; i++) {
			strbuf_addf(&sb, "%s -> ", L->ext_chain[i]);
			smap_put(&L->ext_failed, L->ext_chain[i], 0);
		}
		ld_error(L, ext, "circular extends: %s%s", sb.buf, sp->key->str);
		strbuf_release(&sb);
		return NULL;
	}
	if (depth > MAX_EXTENDS) {
		/* One error for the chain: the services in it are not also
		 * "without an image". */
		for (int i = 0; i < L->next_chain; i++)
			smap_put(&L->ext_failed, L->ext_chain[i], 0);
		ld_error(L, ext, "extends chain longer than %d services (a limit of seaworthy's)",
			 MAX_EXTENDS);
		return drop_extends(L, f, idx);
	}
	if (ext->kind == Y_SCALAR && !is_null(ext)) {
		ref = ext->str;
	} else if (ext->kind == Y_MAP) {
		ref = str_of(get(ext, "service"));
		file = str_of(get(ext, "file"));
		if (!ref) {
			ld_error(L, ext, "services.%s.extends needs a service name", sp->key->str);
			return drop_extends(L, f, idx);
		}
	} else {
		ld_error(L, ext, "services.%s.extends must be a service name or a mapping",
			 sp->key->str);
		return drop_extends(L, f, idx);
	}
	f->ext_state[idx] = EXT_BUSY;
	L->ext_chain[L->next_chain++] = sp->key->str;
	if (file) {
		const char *path = path_join(L->a, f->dir, file);

		bf = ld_load_file(L, path, path_dir(L->a, path), env, get(ext, "file"));
		if (bf && !bf->root) {
			ld_error(L, ext, "cannot extend service \"%s\": %s is empty", sp->key->str,
				 bf->path);
			bf = NULL;
		}
		base = bf ? extends_base(L, bf, ref, ext, sp->key, env, depth) : NULL;
	} else {
		base = extends_base(L, f, ref, ext, sp->key, env, depth);
	}
	L->next_chain--;
	sp = &get(f->root, "services")->pairs[idx];
	svc = sp->value;
	if (!base || base->kind != Y_MAP)
		return drop_extends(L, f, idx);
	cost = count_nodes(base, 0);
	if (cost > L->budget) {
		if (!L->budget_blown)
			ld_error(L, ext, "extends copies more than %u values", CLONE_BUDGET);
		L->budget_blown = true;
		return drop_extends(L, f, idx);
	}
	L->budget -= cost;
	/* The base's own !reset/!override were spent on the base. */
	copy = ld_strip(L, clone_via(L, base, ep->key->pos, 0));
	p->seg[0] = "services";
	p->seg[1] = sp->key->str;
	p->n = 2;
	merged = ld_merge(L, copy, without_key(L, svc, "extends"), p, true);
	if (merged->kind == Y_MAP) {
		merged->pos = svc->pos;
		merged->via = svc->via;
	}
	f->ext_state[idx] = EXT_DONE;
	sp->value = merged;
	return merged;
}

void ld_apply_extends(struct ld *L, struct ld_file *f, const struct env *env)
{
	struct y_node *services = get(f->root, "services");

	if (!services || services->kind != Y_MAP)
		return;
	for (size_t i = 0; i < services->npairs; i++)
		resolve_extends(L, f, i, env, 0);
}
