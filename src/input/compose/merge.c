/* Merging files into the project (compose-go override/merge.go), !reset
 * and !override, then de-duplicating keyed sequences (override/uncity.go). */
#include <stdint.h>
#include <stdlib.h>

#include "input/compose/load.h"

static bool has_tags(const struct y_node *n, int depth)
{
	if (!n || depth > MAX_DEPTH)
		return false;
	if (is_tag(n, "!reset") || is_tag(n, "!override"))
		return true;
	if (n->kind == Y_MAP) {
		for (size_t i = 0; i < n->npairs; i++)
			if (has_tags(n->pairs[i].value, depth + 1))
				return true;
	} else if (n->kind == Y_SEQ) {
		for (size_t i = 0; i < n->nitems; i++)
			if (has_tags(n->items[i], depth + 1))
				return true;
	}
	return false;
}

/* n without the !reset values below it and without its !override tags;
 * n itself when there is nothing to strip. */
static struct y_node *strip_rec(struct ld *L, struct y_node *n, int depth)
{
	struct y_node *c;

	if (!n || depth > MAX_DEPTH || !has_tags(n, depth))
		return n;
	c = arena_alloc(L->a, sizeof(*c));
	*c = *n;
	if (is_tag(c, "!reset") || is_tag(c, "!override"))
		c->tag = NULL;
	if (c->kind == Y_MAP) {
		struct pairvec pv = { 0 };

		for (size_t i = 0; i < n->npairs; i++)
			if (!is_tag(n->pairs[i].value, "!reset"))
				pv_add(L->a, &pv, n->pairs[i].key,
				       strip_rec(L, n->pairs[i].value, depth + 1));
		c->pairs = pv.v;
		c->npairs = pv.n;
	} else if (c->kind == Y_SEQ) {
		struct itemvec iv = { 0 };

		for (size_t i = 0; i < n->nitems; i++)
			if (!is_tag(n->items[i], "!reset"))
				iv_add(L->a, &iv, strip_rec(L, n->items[i], depth + 1));
		c->items = iv.v;
		c->nitems = iv.n;
	}
	return c;
}

struct y_node *ld_strip(struct ld *L, struct y_node *n)
{
	return strip_rec(L, n, 0);
}

static enum special special_of(const struct path *p)
{
	static const char *const toseq[] = {
		"environment", "labels", "annotations", "sysctls", "dns", "dns_opt",
		"dns_search", "env_file", "label_file", "tmpfs", NULL,
	};
	static const char *const build_toseq[] = { "args", "labels", "additional_contexts", NULL };
	const char *k;

	if (p->n >= 3 && streq(p->seg[0], "services")) {
		k = p->seg[2];
		if (p->n == 3) {
			if (streq(k, "command") || streq(k, "entrypoint"))
				return SP_OVERRIDE;
			if (one_of(k, toseq))
				return SP_TOSEQ;
			if (streq(k, "extra_hosts"))
				return SP_HOSTS;
			if (streq(k, "depends_on"))
				return SP_DEPENDS;
			if (streq(k, "networks") || streq(k, "models"))
				return SP_TOMAP;
			if (streq(k, "build"))
				return SP_BUILD;
			if (streq(k, "logging"))
				return SP_LOGGING;
		} else if (p->n == 4) {
			if (streq(k, "healthcheck") && streq(p->seg[3], "test"))
				return SP_OVERRIDE;
			if (streq(k, "build") && one_of(p->seg[3], build_toseq))
				return SP_TOSEQ;
			if (streq(k, "build") && streq(p->seg[3], "extra_hosts"))
				return SP_HOSTS;
			if (streq(k, "deploy") && streq(p->seg[3], "labels"))
				return SP_TOSEQ;
			if (streq(k, "ulimits"))
				return SP_OVERRIDE;
		}
		return SP_NONE;
	}
	if (p->n == 3 && (streq(p->seg[0], "networks") || streq(p->seg[0], "volumes")) &&
	    streq(p->seg[2], "labels"))
		return SP_TOSEQ;
	if (p->n == 4 && streq(p->seg[0], "networks") && streq(p->seg[2], "ipam") &&
	    streq(p->seg[3], "config"))
		return SP_IPAM;
	return SP_NONE;
}

struct y_node *ld_merge(struct ld *L, struct y_node *base, struct y_node *over,
			struct path *p, bool keep_tags);

static struct y_node *final_value(struct ld *L, struct y_node *n, bool keep_tags)
{
	return keep_tags ? n : ld_strip(L, n);
}

/* Merges two mappings key by key; with plain, values of over replace those
 * of base without merging (environment and other key=value maps). */
static struct y_node *merge_maps(struct ld *L, struct y_node *base, struct y_node *over,
				 struct path *p, bool keep_tags, bool plain)
{
	struct y_node *m = new_node(L->a, Y_MAP, base->pos, base->via);
	struct pairvec pv = { 0 };
	struct smap idx = { 0 };
	bool *gone;
	size_t ngone = 0;

	for (size_t i = 0; i < base->npairs; i++) {
		pv_add(L->a, &pv, base->pairs[i].key, base->pairs[i].value);
		smap_put(&idx, base->pairs[i].key->str, i);
	}
	gone = arena_alloc(L->a, (base->npairs + over->npairs + 1) * sizeof(*gone));
	for (size_t i = 0; i < over->npairs; i++) {
		struct y_node *k = over->pairs[i].key, *v = over->pairs[i].value;
		size_t *j = smap_find(&idx, k->str);

		if (is_tag(v, "!reset")) {
			if (j && !gone[*j]) {
				gone[*j] = true;
				ngone++;
			}
			if (keep_tags) {
				/* Kept so that the next merge resets the key too. */
				smap_put(&idx, k->str, pv.n);
				pv_add(L->a, &pv, k, v);
			} else if (j) {
				smap_put(&idx, k->str, SIZE_MAX);
			}
			continue;
		}
		if (j && *j != SIZE_MAX && !gone[*j] && !is_tag(v, "!override") && !plain) {
			if (p->n >= MAX_DEPTH) {
				ld_too_deep(L, v);
				continue;
			}
			p->seg[p->n++] = k->str;
			pv.v[*j].value = ld_merge(L, pv.v[*j].value, v, p, keep_tags);
			p->n--;
			continue;
		}
		if (j && *j != SIZE_MAX && !gone[*j]) {
			pv.v[*j].value = final_value(L, v, keep_tags);
			continue;
		}
		smap_put(&idx, k->str, pv.n);
		pv_add(L->a, &pv, k, final_value(L, v, keep_tags));
	}
	smap_free(&idx);
	if (ngone) {
		size_t o = 0;

		for (size_t i = 0; i < pv.n; i++)
			if (!gone[i])
				pv.v[o++] = pv.v[i];
		pv.n = o;
	}
	m->pairs = pv.v;
	m->npairs = pv.n;
	return m;
}

static struct y_node *append_seqs(struct ld *L, struct y_node *base, struct y_node *over,
				  bool keep_tags)
{
	struct y_node *s = new_node(L->a, Y_SEQ, base->pos, base->via);
	struct itemvec iv = { 0 };

	for (size_t i = 0; i < base->nitems; i++)
		iv_add(L->a, &iv, base->items[i]);
	for (size_t i = 0; i < over->nitems; i++)
		if (keep_tags || !is_tag(over->items[i], "!reset"))
			iv_add(L->a, &iv, final_value(L, over->items[i], keep_tags));
	s->items = iv.v;
	s->nitems = iv.n;
	return s;
}

static int cmp_items(const void *pa, const void *pb)
{
	const struct y_node *a = *(const struct y_node *const *)pa;
	const struct y_node *b = *(const struct y_node *const *)pb;

	return strcmp(a->str, b->str);
}

/* A list or dict (environment, labels ...) as a sequence of KEY=VALUE
 * strings, maps sorted as compose-go does; a string is a one-item list. */
static struct y_node *to_seq(struct ld *L, struct y_node *n)
{
	struct y_node *s;
	struct itemvec iv = { 0 };

	if (!n || n->kind == Y_SEQ)
		return n;
	s = new_node(L->a, Y_SEQ, n->pos, n->via);
	if (n->kind == Y_SCALAR) {
		if (!is_null(n))
			iv_add(L->a, &iv, n);
	} else {
		for (size_t i = 0; i < n->npairs; i++) {
			struct y_node *k = n->pairs[i].key, *v = n->pairs[i].value;
			struct y_node *item;

			if (is_null(v)) {
				item = new_scalar(L->a, k->str, k);
				iv_add(L->a, &iv, item);
			} else if (v->kind == Y_SEQ) {
				for (size_t j = 0; j < v->nitems; j++) {
					const char *vs = str_of(v->items[j]);

					item = new_scalar(L->a, arena_printf(L->a, "%s=%s", k->str,
									     vs ? vs : ""), k);
					item->via = v->items[j]->via;
					iv_add(L->a, &iv, item);
				}
			} else {
				const char *vs = str_of(v);

				item = new_scalar(L->a, arena_printf(L->a, "%s=%s", k->str,
								     vs ? vs : ""), k);
				item->via = v->via;
				iv_add(L->a, &iv, item);
			}
		}
		if (iv.n > 1)
			qsort(iv.v, iv.n, sizeof(*iv.v), cmp_items);
	}
	s->items = iv.v;
	s->nitems = iv.n;
	return s;
}

/* A list of names as a mapping; list_value (for depends_on) gives each
 * name a copy of {condition: service_started, required: true}. */
static struct y_node *to_map(struct ld *L, struct y_node *n, bool depends)
{
	struct y_node *m;
	struct pairvec pv = { 0 };

	if (!n || n->kind != Y_SEQ)
		return n;
	m = new_node(L->a, Y_MAP, n->pos, n->via);
	for (size_t i = 0; i < n->nitems; i++) {
		struct y_node *it = n->items[i], *v, *req;

		if (it->kind != Y_SCALAR)
			continue;
		if (depends) {
			struct pairvec dv = { 0 };

			v = new_node(L->a, Y_MAP, it->pos, it->via);
			pv_add(L->a, &dv, new_scalar(L->a, "condition", it),
			       new_scalar(L->a, "service_started", it));
			req = new_scalar(L->a, "true", it);
			req->plain = true;	/* a boolean, as the schema wants it */
			pv_add(L->a, &dv, new_scalar(L->a, "required", it), req);
			v->pairs = dv.v;
			v->npairs = dv.n;
		} else {
			v = new_scalar(L->a, "", it);
			v->tag = null_tag;
		}
		pv_add(L->a, &pv, it, v);
	}
	m->pairs = pv.v;
	m->npairs = pv.n;
	return m;
}

static struct y_node *build_map(struct ld *L, struct y_node *n)
{
	struct y_node *m;
	struct pairvec pv = { 0 };

	if (!n || n->kind != Y_SCALAR || is_null(n))
		return n;
	m = new_node(L->a, Y_MAP, n->pos, n->via);
	pv_add(L->a, &pv, new_scalar(L->a, "context", n), n);
	m->pairs = pv.v;
	m->npairs = pv.n;
	return m;
}

static struct y_node *merge_hosts(struct ld *L, struct y_node *base, struct y_node *over,
				  bool keep_tags)
{
	struct y_node *b = to_seq(L, base), *o = to_seq(L, over), *s;
	struct itemvec iv = { 0 };
	struct smap seen = { 0 };

	if (!o || o->kind != Y_SEQ || !b || b->kind != Y_SEQ)
		return o && !is_null(o) ? final_value(L, over, keep_tags) : base;
	s = new_node(L->a, Y_SEQ, b->pos, b->via);
	for (size_t i = 0; i < b->nitems; i++) {
		iv_add(L->a, &iv, b->items[i]);
		if (str_of(b->items[i]))
			smap_put(&seen, b->items[i]->str, i);
	}
	for (size_t i = 0; i < o->nitems; i++) {
		const char *k = str_of(o->items[i]);

		if (is_tag(o->items[i], "!reset") || (k && smap_find(&seen, k)))
			continue;
		iv_add(L->a, &iv, final_value(L, o->items[i], keep_tags));
	}
	smap_free(&seen);
	s->items = iv.v;
	s->nitems = iv.n;
	return s;
}

/* networks.*.ipam.config: entries are matched by subnet; matching entries
 * merge, the override's list decides which subnets remain (as compose-go). */
static struct y_node *merge_ipam(struct ld *L, struct y_node *base, struct y_node *over,
				 struct path *p, bool keep_tags)
{
	struct y_node *s;
	struct itemvec iv = { 0 };

	if (base->kind != Y_SEQ || over->kind != Y_SEQ)
		return final_value(L, over, keep_tags);
	s = new_node(L->a, Y_SEQ, over->pos, over->via);
	for (size_t i = 0; i < over->nitems; i++) {
		struct y_node *o = over->items[i], *m = final_value(L, o, keep_tags);
		const char *sub = str_of(get(o, "subnet"));

		for (size_t j = 0; j < base->nitems && o->kind == Y_MAP; j++) {
			struct y_node *b = base->items[j];

			if (b->kind == Y_MAP && streq(str_of(get(b, "subnet")), sub)) {
				m = merge_maps(L, b, o, p, keep_tags, false);
				break;
			}
		}
		iv_add(L->a, &iv, m);
	}
	s->items = iv.v;
	s->nitems = iv.n;
	return s;
}

struct y_node *ld_merge(struct ld *L, struct y_node *base, struct y_node *over,
			struct path *p, bool keep_tags)
{
	if (!base)
		return final_value(L, over, keep_tags);
	if (!over)
		return base;
	if (is_tag(over, "!override"))
		return final_value(L, over, keep_tags);
	switch (special_of(p)) {
	case SP_OVERRIDE:
		return final_value(L, over, keep_tags);
	case SP_TOSEQ:
		if (is_null(over))
			return base;
		if (base->kind == Y_MAP && over->kind == Y_MAP)
			return merge_maps(L, base, over, p, keep_tags, true);
		if (is_null(base))
			return final_value(L, over, keep_tags);
		return append_seqs(L, to_seq(L, base), to_seq(L, over), keep_tags);
	case SP_HOSTS:
		if (is_null(over))
			return base;
		return merge_hosts(L, base, over, keep_tags);
	case SP_DEPENDS:
	case SP_TOMAP:
		if (is_null(over))
			return base;
		base = to_map(L, base, special_of(p) == SP_DEPENDS);
		over = to_map(L, over, special_of(p) == SP_DEPENDS);
		break;
	case SP_BUILD:
		if (is_null(over))
			return base;
		base = build_map(L, base);
		over = build_map(L, over);
		break;
	case SP_LOGGING:
		if (base->kind == Y_MAP && over->kind == Y_MAP) {
			const char *bd = str_of(get(base, "driver"));
			const char *od = str_of(get(over, "driver"));

			if (bd && od && strcmp(bd, od))
				return final_value(L, over, keep_tags);
		}
		break;
	case SP_IPAM:
		if (is_null(over))
			return base;
		return merge_ipam(L, base, over, p, keep_tags);
	case SP_NONE:
		break;
	}
	if (is_null(over))
		return base;
	if (base->kind == Y_MAP) {
		if (over->kind != Y_MAP) {
			ld_error(L, over, "cannot override %s: a mapping can't be replaced by a %s",
				 ld_path_str(L->a, p), over->kind == Y_SEQ ? "list" : "value");
			return base;
		}
		return merge_maps(L, base, over, p, keep_tags, false);
	}
	if (base->kind == Y_SEQ) {
		if (over->kind != Y_SEQ) {
			ld_error(L, over, "cannot override %s: a list can't be replaced by a %s",
				 ld_path_str(L->a, p), over->kind == Y_MAP ? "mapping" : "value");
			return base;
		}
		return append_seqs(L, base, over, keep_tags);
	}
	return final_value(L, over, keep_tags);
}

/* The key that identifies a sequence item, or NULL to keep it whatever. */
static const char *item_key(struct ld *L, enum indexer ix, const struct y_node *n)
{
	const char *s = str_of(n), *t;

	switch (ix) {
	case IX_KV:
		if (!s)
			return NULL;
		t = strchr(s, '=');
		return t ? arena_strndup(L->a, s, (size_t)(t - s)) : s;
	case IX_EXPOSE:
		return s;
	case IX_ENVFILE:
		return s ? s : str_of(get(n, "path"));
	case IX_PORT:
		if (s) {
			struct port_spec ps;

			if (short_parse_port(L->a, s, &ps))
				return s;
			return arena_printf(L->a, "%s:%s:%s/%s", ps.ip ? ps.ip : "0.0.0.0",
					    ps.published ? ps.published : "", ps.target,
					    ps.protocol);
		}
		if (n->kind != Y_MAP || !str_of(get(n, "target")))
			return NULL;
		t = str_of(get(n, "protocol"));
		return arena_printf(L->a, "%s:%s:%s/%s",
				    str_of(get(n, "host_ip")) ? str_of(get(n, "host_ip")) : "0.0.0.0",
				    str_of(get(n, "published")) ? str_of(get(n, "published")) : "",
				    str_of(get(n, "target")), t ? t : "tcp");
	case IX_VOLUME:
		if (s) {
			struct vol_spec vs;

			return short_parse_volume(L->a, s, &vs) ? NULL : vs.target;
		}
		return str_of(get(n, "target"));
	case IX_DEVICE:
		if (s) {
			t = strchr(s, ':');
			if (!t)
				return s;
			return arena_strndup(L->a, t + 1, strcspn(t + 1, ":"));
		}
		return str_of(get(n, "target"));
	case IX_SECRET:
	case IX_CONFIG:
		if (!s && (t = str_of(get(n, "target"))))
			return t;
		if (!s)
			s = str_of(get(n, "source"));
		if (!s)
			return NULL;
		return arena_printf(L->a, "%s/%s", ix == IX_SECRET ? "/run/secrets" : "", s);
	}
	return NULL;
}

/* Short-syntax port ranges as the ports they stand for, as compose-go's
 * canonical form has them before de-duplication (transform/ports.go,
 * types.ParsePortConfig with go-connections' nat.ParsePortSpec):
 * "8000-8001:80-81" is "8000:80" and "8001:81", "80-81" is "80" and "81",
 * and "80-80:8080" is "80:8080"; a published range for one target stays. */
static void expand_ports(struct ld *L, struct y_node *seq)
{
	struct itemvec iv = { 0 };
	bool changed = false;

	if (!seq || seq->kind != Y_SEQ)
		return;
	for (size_t i = 0; i < seq->nitems; i++) {
		struct y_node *it = seq->items[i];
		const char *s = str_of(it), *ip = "", *proto;
		struct port_spec ps;
		unsigned long t0, t1, p0 = 0, p1 = 0;

		if (!s || !strchr(s, '-') || short_parse_port(L->a, s, &ps)) {
			iv_add(L->a, &iv, it);
			continue;
		}
		t0 = strtoul(ps.target, NULL, 10);
		t1 = strchr(ps.target, '-') ? strtoul(strchr(ps.target, '-') + 1, NULL, 10) : t0;
		if (ps.published) {
			p0 = strtoul(ps.published, NULL, 10);
			p1 = strchr(ps.published, '-') ? strtoul(strchr(ps.published, '-') + 1, NULL,
								 10) : p0;
		}
		/* Past MAX_PORT_RANGE ports a range stays one entry: a budget. */
		if ((t0 == t1 && (!ps.published || p0 != p1 || !strchr(ps.published, '-'))) ||
		    t1 - t0 > MAX_PORT_RANGE) {
			iv_add(L->a, &iv, it);
			continue;
		}
		if (ps.ip)
			ip = arena_printf(L->a, strchr(ps.ip, ':') ? "[%s]:" : "%s:", ps.ip);
		else if (ps.published == NULL && strchr(s, ':'))
			ip = "";
		proto = strchr(s, '/') ? arena_printf(L->a, "/%s", ps.protocol) : "";
		for (unsigned long k = 0; k <= t1 - t0; k++) {
			struct y_node *n;

			if (ps.published)
				n = new_scalar(L->a, arena_printf(L->a, "%s%lu:%lu%s", ip, p0 + k,
								  t0 + k, proto), it);
			else
				n = new_scalar(L->a, arena_printf(L->a, "%s%s%lu%s", ip,
								  ps.ip ? ":" : "", t0 + k, proto), it);
			iv_add(L->a, &iv, n);
		}
		changed = true;
	}
	if (changed) {
		seq->items = iv.v;
		seq->nitems = iv.n;
	}
}

/* Later definitions of a key replace earlier ones, in the earlier place. */
static void dedupe(struct ld *L, struct y_node *seq, enum indexer ix)
{
	struct smap idx = { 0 };
	struct y_node **out;
	size_t n = 0;

	if (!seq || seq->kind != Y_SEQ || seq->nitems < 2)
		return;
	out = arena_alloc(L->a, seq->nitems * sizeof(*out));
	for (size_t i = 0; i < seq->nitems; i++) {
		const char *k = item_key(L, ix, seq->items[i]);
		size_t *j = k ? smap_find(&idx, k) : NULL;

		if (j) {
			out[*j] = seq->items[i];
			continue;
		}
		if (k)
			smap_put(&idx, k, n);
		out[n++] = seq->items[i];
	}
	smap_free(&idx);
	seq->items = out;
	seq->nitems = n;
}

void ld_unicity(struct ld *L, struct y_node *root)
{
	static const struct { const char *key; enum indexer ix; } svc[] = {
		{ "environment", IX_KV }, { "labels", IX_KV }, { "annotations", IX_KV },
		{ "sysctls", IX_KV }, { "dns", IX_KV }, { "dns_opt", IX_KV },
		{ "dns_search", IX_KV }, { "cap_add", IX_KV }, { "cap_drop", IX_KV },
		{ "links", IX_KV }, { "profiles", IX_KV }, { "tmpfs", IX_KV },
		{ "expose", IX_EXPOSE }, { "env_file", IX_ENVFILE }, { "ports", IX_PORT },
		{ "secrets", IX_SECRET }, { "configs", IX_CONFIG }, { "volumes", IX_VOLUME },
		{ "devices", IX_DEVICE },
	};
	static const char *const build_kv[] = {
		"args", "additional_contexts", "platforms", "tags", "labels", NULL,
	};
	struct y_node *services = get(root, "services"), *networks = get(root, "networks");

	if (services && services->kind == Y_MAP)
		for (size_t i = 0; i < services->npairs; i++) {
			struct y_node *s = services->pairs[i].value, *b, *d, *nets;

			if (s->kind != Y_MAP)
				continue;
			expand_ports(L, get(s, "ports"));
			for (size_t k = 0; k < sizeof(svc) / sizeof(svc[0]); k++)
				dedupe(L, get(s, svc[k].key), svc[k].ix);
			if ((b = get(s, "build")) && b->kind == Y_MAP)
				for (const char *const *k = build_kv; *k; k++)
					dedupe(L, get(b, *k), IX_KV);
			if ((d = get(s, "deploy")) && d->kind == Y_MAP)
				dedupe(L, get(d, "labels"), IX_KV);
			if ((nets = get(s, "networks")) && nets->kind == Y_MAP)
				for (size_t j = 0; j < nets->npairs; j++) {
					dedupe(L, get(nets->pairs[j].value, "aliases"), IX_KV);
					dedupe(L, get(nets->pairs[j].value, "link_local_ips"), IX_KV);
				}
		}
	if (networks && networks->kind == Y_MAP)
		for (size_t i = 0; i < networks->npairs; i++) {
			dedupe(L, get(networks->pairs[i].value, "labels"), IX_KV);
			dedupe(L, get(get(networks->pairs[i].value, "ipam"), "options"), IX_KV);
		}
}
