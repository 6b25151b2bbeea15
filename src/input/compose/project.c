/*
 * Loading a Compose project the way `docker compose` (compose-go v2) does:
 *
 *   for each file (-f, COMPOSE_FILE, or discovered), in order:
 *     read, parse (yaml.c), mark nulls, interpolate (interp.c),
 *     resolve extends (same file and file:), recursively,
 *     load include'd projects and import their resources,
 *     merge into the project so far (override/merge.go rules, !reset and
 *     !override), then de-duplicate keyed sequences (override/uncity.go);
 *   then check types and references, and build the typed model.
 *
 * Trees are merged copy-on-write: a node of a file's tree is never changed
 * by merging, so positions stay those of the file that wrote each value.
 * Relative paths are resolved per value, against the base directory of the
 * file that wrote it: the project directory for the project's own files,
 * the include's project_directory for included files, and its own folder
 * for a file named by extends: file:.
 *
 * Everything lives in the caller's arena; temporary hash tables are
 * malloc'd and freed before returning. Walks are bounded by MAX_DEPTH.
 */
#include "input/compose/project.h"

#include <arpa/inet.h>
#include <dirent.h>
#include <limits.h>
#include <pthread.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include "input/compose/interp.h"
#include "input/discover/discover.h"
#include "catalog/catalog.h"
#include "util/die.h"
#include "util/readfile.h"
#include "util/strbuf.h"
#include "util/str.h"

#define MAX_DEPTH	(Y_MAX_DEPTH + 8) /* yaml.c never gives deeper trees */
#define MAX_FILES	256		/* files per project, with includes and extends */
#define MAX_EXTENDS	64		/* extends chain length */
#define MAX_INCLUDES	32		/* include nesting */
#define CLONE_BUDGET	4000000u	/* nodes extends may copy per project */

static const char *const base_names[] = {
	"compose.yaml", "compose.yml", "docker-compose.yml", "docker-compose.yaml",
};
static const char *const override_names[] = {
	"compose.override.yml", "compose.override.yaml", "docker-compose.override.yml",
	"docker-compose.override.yaml",
};
#define NNAMES 4

static const char null_tag[] = "tag:yaml.org,2002:null";

/* --- small helpers ---------------------------------------------------------- */

static bool streq(const char *a, const char *b)
{
	return a && b && str_eq(a, b);
}

static bool starts_with(const char *s, const char *prefix)
{
	return !strncmp(s, prefix, strlen(prefix));
}

static bool is_null(const struct y_node *n)
{
	return !n || y_is_null(n);
}

static bool is_tag(const struct y_node *n, const char *tag)
{
	return n && n->tag && !strcmp(n->tag, tag);
}

/* A scalar's text, or NULL for a null, a mapping or a sequence. */
static const char *str_of(const struct y_node *n)
{
	return n && n->kind == Y_SCALAR && !is_null(n) ? n->str : NULL;
}

static struct y_pair *pair_of(const struct y_node *map, const char *key)
{
	if (!map || map->kind != Y_MAP)
		return NULL;
	for (size_t i = 0; i < map->npairs; i++)
		if (streq(map->pairs[i].key->str, key))
			return &map->pairs[i];
	return NULL;
}

static struct y_node *get(const struct y_node *map, const char *key)
{
	struct y_pair *p = pair_of(map, key);

	return p ? p->value : NULL;
}

static struct y_node *new_node(struct arena *a, enum y_kind kind, struct y_pos pos,
			       struct y_pos via)
{
	struct y_node *n = arena_alloc(a, sizeof(*n));

	n->kind = kind;
	n->pos = pos;
	n->via = via;
	return n;
}

static struct y_node *new_scalar(struct arena *a, const char *s, const struct y_node *at)
{
	struct y_node *n = y_scalar(a, s, at->pos);

	n->via = at->via;
	return n;
}

/* Growable pair and item vectors, turned into exact arena arrays. */
struct pairvec {
	struct y_pair *v;
	size_t n, cap;
};

struct itemvec {
	struct y_node **v;
	size_t n, cap;
};

static void pv_add(struct arena *a, struct pairvec *pv, struct y_node *k, struct y_node *v)
{
	struct y_pair *p = ARENA_PUSH(a, pv->v, pv->n, pv->cap);

	p->key = k;
	p->value = v;
}

static void iv_add(struct arena *a, struct itemvec *iv, struct y_node *n)
{
	*ARENA_PUSH(a, iv->v, iv->n, iv->cap) = n;
}

/* A temporary string -> index table (open addressing), malloc'd. */
struct smap {
	const char **keys;
	size_t *vals;
	size_t cap, n;
};

static size_t shash(const char *s)
{
	uint64_t h = 1469598103934665603u;

	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 1099511628211u;
	return (size_t)h;
}

static size_t *smap_find(const struct smap *m, const char *k)
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

static void smap_put(struct smap *m, const char *k, size_t v)
{
	size_t *slot;

	if ((m->n + 1) * 2 > m->cap) {
		struct smap g = { NULL, NULL, m->cap ? m->cap * 2 : 16, 0 };

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

static void smap_free(struct smap *m)
{
	free(m->keys);
	free(m->vals);
	memset(m, 0, sizeof(*m));
}

/* --- paths ---------------------------------------------------------------- */

/* Lexically cleans a path like Go's filepath.Clean, but relative paths stay
 * relative ("." for empty) and keep their leading "../". */
static const char *path_clean(struct arena *a, const char *p)
{
	bool abs = p[0] == '/';
	size_t len = strlen(p);
	char *out = arena_alloc(a, len + 2);
	size_t o = 0, dotdot = 0;	/* out[0..dotdot) is "../../" that can't go */

	if (abs)
		out[o++] = '/', dotdot = 1;
	for (const char *s = p; *s;) {
		const char *e;
		size_t n;

		while (*s == '/')
			s++;
		if (!*s)
			break;
		e = strchr(s, '/');
		n = e ? (size_t)(e - s) : strlen(s);
		if (n == 1 && s[0] == '.') {
			/* skip */
		} else if (n == 2 && s[0] == '.' && s[1] == '.') {
			if (o > dotdot) {
				while (o > dotdot && out[o - 1] != '/')
					o--;
				if (o > dotdot)
					o--;	/* the slash before the element */
				else if (!abs && o > 0)
					o--;
			} else if (!abs) {
				if (o)
					out[o++] = '/';
				memcpy(out + o, "..", 2);
				o += 2;
				dotdot = o;
			}
		} else {
			if (o && out[o - 1] != '/')
				out[o++] = '/';
			memcpy(out + o, s, n);
			o += n;
		}
		s += n;
	}
	if (!o)
		out[o++] = '.';
	out[o] = 0;
	return out;
}

static bool is_abs(const char *p)
{
	return p[0] == '/';
}

/* dir/rel, cleaned; rel when it is absolute. */
static const char *path_join(struct arena *a, const char *dir, const char *rel)
{
	if (is_abs(rel) || !dir || streq(dir, "."))
		return path_clean(a, rel);
	return path_clean(a, arena_path_join(a, dir, rel));
}

static const char *path_dir(struct arena *a, const char *p)
{
	const char *slash = strrchr(p, '/');

	if (!slash)
		return ".";
	if (slash == p)
		return "/";
	return arena_strndup(a, p, (size_t)(slash - p));
}

static const char *last_name(const char *p)
{
	const char *slash = strrchr(p, '/');

	return slash ? slash + 1 : p;
}

/* A folder as seaworthy prints paths: "." for the current directory,
 * relative when under it. */
static char cwd[PATH_MAX];	/* the working directory never changes */

static void read_cwd(void)
{
	if (!getcwd(cwd, sizeof(cwd)))
		cwd[0] = '\0';
}

static const char *display_dir(struct arena *a, const char *dir)
{
	/* Once, whichever thread asks first: check loads projects in parallel. */
	static pthread_once_t once = PTHREAD_ONCE_INIT;

	if (!is_abs(dir))
		return display_path(a, dir);
	pthread_once(&once, read_cwd);
	if (cwd[0] && !strcmp(path_clean(a, cwd), dir))
		return ".";
	return display_path(a, dir);
}

static bool is_regular_file(const char *p)
{
	struct stat st;

	return !stat(p, &st) && S_ISREG(st.st_mode);
}

/* Build contexts Compose leaves alone: URLs and git references. */
static bool is_remote(const char *s)
{
	static const char *const prefixes[] = {
		"https://", "http://", "git://", "ssh://", "github.com/", "git@",
	};

	if (strstr(s, "://"))
		return true;
	for (size_t i = 0; i < sizeof(prefixes) / sizeof(prefixes[0]); i++)
		if (starts_with(s, prefixes[i]))
			return true;
	return false;
}

/* --- the loader --------------------------------------------------------------- */

/* --- the path being merged: "services", "web", "ports" ... ----------------- */

struct path {
	const char *seg[MAX_DEPTH + 1];
	int n;
};

struct ld_file {
	const char *path;	/* display path, as in positions */
	const char *id;		/* identity: the real path when known */
	const char *dir;	/* base directory for its relative paths */
	struct y_node *root;	/* NULL for an empty file or one that failed */
	const char *buf;	/* its text, as read */
	size_t len;
	unsigned char *ext_state; /* per service of root's services: extends progress */
	size_t next_state;
	bool failed;
};

struct ld {
	struct arena *a;
	struct report *r;
	unsigned errors;
	bool nofs;		/* an in-memory load: no includes or extends files */
	const char *mem_name;	/* ... its one file */
	const char *mem_buf;
	size_t mem_len;
	size_t budget;		/* nodes extends may still copy */
	bool budget_blown, too_deep;
	struct ld_file **files;
	size_t nfiles, capfiles;
	const char **chain;	/* include nesting: file ids */
	size_t nchain, capchain;
	struct smap unset_seen;	/* "file:line:col:name" of reported unset variables */
	struct smap ext_failed;	/* services whose extends failed (reported) */
	struct smap said;	/* errors reported, to say each once */
	const char *ext_chain[MAX_EXTENDS + 2]; /* services being extended */
	int next_chain;
	struct path path;	/* for merge(), which never runs nested */
};

static void ld_verror(struct ld *L, const char *file, unsigned line, const char *fmt, va_list ap)
	__attribute__((format(printf, 4, 0)));

static void ld_verror(struct ld *L, const char *file, unsigned line, const char *fmt, va_list ap)
{
	char msg[1024];
	const char *key;

	vsnprintf(msg, sizeof(msg), fmt, ap);
	L->errors++;
	/* The same problem met twice (a file included twice) is said once. */
	key = arena_printf(L->a, "%s:%u:%s", file ? file : "", line, msg);
	if (smap_find(&L->said, key))
		return;
	smap_put(&L->said, key, 0);
	report_error(L->r, file ? arena_strdup(L->r->a, file) : NULL, line, "%s", msg);
}

static void ld_error(struct ld *L, const struct y_node *at, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static void ld_error(struct ld *L, const struct y_node *at, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	ld_verror(L, at ? at->pos.file : NULL, at ? at->pos.line : 0, fmt, ap);
	va_end(ap);
}

static void ld_error_at(struct ld *L, const char *file, unsigned line, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));

static void ld_error_at(struct ld *L, const char *file, unsigned line, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	ld_verror(L, file, line, fmt, ap);
	va_end(ap);
}

static void too_deep(struct ld *L, const struct y_node *at)
{
	if (!L->too_deep)
		ld_error(L, at, "nesting deeper than %d levels", MAX_DEPTH);
	L->too_deep = true;
}

/* The base directory for relative paths written in file (a display path
 * from a position); "." when unknown. */
static const char *base_dir_of(const struct ld *L, const char *file)
{
	if (file)
		for (size_t i = 0; i < L->nfiles; i++)
			if (L->files[i]->path == file || streq(L->files[i]->path, file))
				return L->files[i]->dir;
	return ".";
}

/* Resolves a path written at node n against its file's base directory. */
static const char *resolve_at(const struct ld *L, const struct y_node *n, const char *p)
{
	if (is_abs(p))
		return path_clean(L->a, p);
	return path_join(L->a, base_dir_of(L, n->pos.file), p);
}

static const char *path_str(struct arena *a, const struct path *p)
{
	struct strbuf sb = STRBUF_INIT;
	const char *s;

	for (int i = 0; i < p->n; i++) {
		if (i)
			strbuf_addch(&sb, '.');
		strbuf_addstr(&sb, p->seg[i]);
	}
	s = arena_strdup(a, sb.len ? sb.buf : "(root)");
	strbuf_release(&sb);
	return s;
}

/* --- !reset and !override ------------------------------------------------------ */

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

static struct y_node *strip(struct ld *L, struct y_node *n)
{
	return strip_rec(L, n, 0);
}

/* --- merging (override/merge.go) --------------------------------------------- */

enum special {
	SP_NONE, SP_OVERRIDE, SP_TOSEQ, SP_HOSTS, SP_DEPENDS, SP_TOMAP, SP_BUILD, SP_LOGGING,
	SP_IPAM,
};

static bool one_of(const char *s, const char *const *list)
{
	for (; *list; list++)
		if (streq(s, *list))
			return true;
	return false;
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

static struct y_node *merge(struct ld *L, struct y_node *base, struct y_node *over,
			    struct path *p, bool keep_tags);

static struct y_node *final_value(struct ld *L, struct y_node *n, bool keep_tags)
{
	return keep_tags ? n : strip(L, n);
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
				too_deep(L, v);
				continue;
			}
			p->seg[p->n++] = k->str;
			pv.v[*j].value = merge(L, pv.v[*j].value, v, p, keep_tags);
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
		struct y_node *it = n->items[i], *v;

		if (it->kind != Y_SCALAR)
			continue;
		if (depends) {
			struct pairvec dv = { 0 };

			v = new_node(L->a, Y_MAP, it->pos, it->via);
			pv_add(L->a, &dv, new_scalar(L->a, "condition", it),
			       new_scalar(L->a, "service_started", it));
			pv_add(L->a, &dv, new_scalar(L->a, "required", it),
			       new_scalar(L->a, "true", it));
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

static struct y_node *merge(struct ld *L, struct y_node *base, struct y_node *over,
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
				 path_str(L->a, p), over->kind == Y_SEQ ? "list" : "value");
			return base;
		}
		return merge_maps(L, base, over, p, keep_tags, false);
	}
	if (base->kind == Y_SEQ) {
		if (over->kind != Y_SEQ) {
			ld_error(L, over, "cannot override %s: a list can't be replaced by a %s",
				 path_str(L->a, p), over->kind == Y_MAP ? "mapping" : "value");
			return base;
		}
		return append_seqs(L, base, over, keep_tags);
	}
	return final_value(L, over, keep_tags);
}

/* --- short syntax parsers (compose-go format/, docker/go-connections nat) --- */

struct port_spec {
	const char *ip;		/* NULL when not given */
	const char *published;	/* NULL when not published */
	const char *target;
	const char *protocol;
};

/* "N" or "N-M", ports 0..65535, N <= M. */
static bool port_range(const char *s, size_t n)
{
	unsigned long lo = 0, hi = 0, *cur = &lo;
	size_t digits = 0;

	if (!n)
		return false;
	for (size_t i = 0; i < n; i++) {
		if (s[i] == '-' && cur == &lo && digits) {
			cur = &hi;
			digits = 0;
			continue;
		}
		if (s[i] < '0' || s[i] > '9')
			return false;
		*cur = *cur * 10 + (unsigned long)(s[i] - '0');
		if (*cur > 65535)
			return false;
		digits++;
	}
	if (!digits)
		return false;
	return cur == &lo || hi >= lo;
}

static unsigned long range_width(const char *s)
{
	const char *dash = strchr(s, '-');

	if (!dash)
		return 0;
	return strtoul(dash + 1, NULL, 10) - strtoul(s, NULL, 10);
}

static bool valid_ip(const char *ip)
{
	unsigned char buf[16];

	return inet_pton(AF_INET, ip, buf) == 1 || inet_pton(AF_INET6, ip, buf) == 1;
}

/* Parses [[IP:]PUBLISHED:]TARGET[/PROTOCOL]; IPv6 in brackets. Returns NULL,
 * or what is wrong. */
static const char *parse_port(struct arena *a, const char *raw, struct port_spec *ps)
{
	const char *slash = strchr(raw, '/'), *proto = "tcp", *colon;
	char *port;
	size_t ncolon = 0;
	const char *parts_end, *last, *prev = NULL;

	memset(ps, 0, sizeof(*ps));
	if (!*raw || *raw == '/')
		return "no port specified";
	if (slash) {
		const char *end = strchr(slash + 1, '/');

		port = arena_strndup(a, raw, (size_t)(slash - raw));
		if (slash[1] && slash[1] != '/')
			proto = arena_strndup(a, slash + 1, end ? (size_t)(end - slash - 1)
						       : strlen(slash + 1));
	} else {
		port = arena_strdup(a, raw);
	}
	for (const char *c = port; *c; c++)
		ncolon += *c == ':';
	/* The last part is the target, the one before it the published port,
	 * and everything before that the IP (which may hold colons). */
	last = strrchr(port, ':');
	last = last ? last + 1 : port;
	parts_end = port + strlen(port);
	if (ncolon >= 1) {
		colon = last - 1;
		prev = colon;
		while (prev > port && prev[-1] != ':')
			prev--;
		ps->published = arena_strndup(a, prev, (size_t)(colon - prev));
		if (ncolon >= 2) {
			const char *ip = arena_strndup(a, port, (size_t)(prev - 1 - port));

			if (ip[0] == '[') {
				size_t n = strlen(ip);

				if (n < 2 || ip[n - 1] != ']')
					return arena_printf(a, "invalid IP address %s", ip);
				ip = arena_strndup(a, ip + 1, n - 2);
			}
			if (*ip && !valid_ip(ip))
				return arena_printf(a, "invalid IP address: %s", ip);
			ps->ip = *ip ? ip : NULL;
		}
	}
	ps->target = arena_strndup(a, last, (size_t)(parts_end - last));
	if (!*ps->target)
		return "no port specified";
	if (!port_range(ps->target, strlen(ps->target)))
		return arena_printf(a, "invalid container port %s", ps->target);
	if (ps->published && !*ps->published)
		ps->published = NULL;
	if (ps->published && !port_range(ps->published, strlen(ps->published)))
		return arena_printf(a, "invalid host port %s", ps->published);
	if (ps->published && range_width(ps->target) &&
	    range_width(ps->target) != range_width(ps->published))
		return arena_printf(a, "invalid ranges specified for container and host ports: "
				    "%s and %s", ps->target, ps->published);
	if (strcasecmp(proto, "tcp") && strcasecmp(proto, "udp") && strcasecmp(proto, "sctp"))
		return arena_printf(a, "invalid protocol %s", proto);
	ps->protocol = arena_strdup(a, proto);
	for (char *c = (char *)ps->protocol; *c; c++)
		if (*c >= 'A' && *c <= 'Z')
			*c = (char)(*c - 'A' + 'a');
	return NULL;
}

struct vol_spec {
	const char *source;	/* NULL for an anonymous volume */
	const char *target;
	bool read_only;
	bool bind;		/* the source is a path */
};

/* compose-go format.isFilePath: ".", "/", "~", \\ or a Windows drive. */
static bool is_file_path(const char *s)
{
	if (!s || !*s)
		return false;
	if (*s == '.' || *s == '/' || *s == '~')
		return true;
	if (s[0] == '\\' && s[1] == '\\')
		return true;
	return ((s[0] >= 'a' && s[0] <= 'z') || (s[0] >= 'A' && s[0] <= 'Z')) && s[1] == ':';
}

/* Parses SOURCE:TARGET[:OPTIONS] or TARGET (compose-go format.ParseVolume).
 * Returns NULL, or what is wrong. */
static const char *parse_volume(struct arena *a, const char *spec, struct vol_spec *vs)
{
	size_t len = strlen(spec), start = 0, nfield = 0;
	int subst = 0;
	const char *field[3] = { NULL, NULL, NULL };

	memset(vs, 0, sizeof(*vs));
	if (!len)
		return "empty volume spec";
	if (len <= 2) {
		vs->target = spec;
		return NULL;
	}
	for (size_t i = 0; i <= len; i++) {
		char c = spec[i];

		if (c == '$' && spec[i + 1] == '{')
			subst++;
		if (c == '}' && subst > 0)
			subst--;
		if (c == ':' && i - start == 1 &&
		    ((spec[start] >= 'a' && spec[start] <= 'z') ||
		     (spec[start] >= 'A' && spec[start] <= 'Z')))
			continue;	/* a Windows drive */
		if (c && (c != ':' || subst))
			continue;
		if (i == start)
			return "empty section between colons";
		if (nfield == 3)
			return "too many colons";
		if (nfield == 2 && c == ':')
			return "too many colons";
		field[nfield++] = arena_strndup(a, spec + start, i - start);
		start = i + 1;
	}
	if (nfield == 1) {
		vs->target = field[0];
		return NULL;
	}
	vs->source = field[0];
	vs->target = field[1];
	vs->bind = is_file_path(vs->source);
	if (nfield == 3) {
		const char *o = field[2];

		while (*o) {
			size_t n = strcspn(o, ",");

			if (n == 2 && !strncmp(o, "ro", 2))
				vs->read_only = true;
			else if (n == 2 && !strncmp(o, "rw", 2))
				vs->read_only = false;
			o += n;
			if (*o == ',')
				o++;
		}
	}
	return NULL;
}

/* --- unicity (override/uncity.go) ------------------------------------------- */

enum indexer { IX_KV, IX_EXPOSE, IX_PORT, IX_VOLUME, IX_DEVICE, IX_SECRET, IX_CONFIG,
	       IX_ENVFILE };

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

			if (parse_port(L->a, s, &ps))
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

			return parse_volume(L->a, s, &vs) ? NULL : vs.target;
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

static void unicity(struct ld *L, struct y_node *root)
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

/* --- reading a file ------------------------------------------------------------ */

struct interp_ctx {
	struct ld *L;
	unsigned errors;
};

static void on_unset(void *ctx, const char *name, const struct y_node *n)
{
	struct ld *L = ((struct interp_ctx *)ctx)->L;
	const char *file = n && n->pos.file ? n->pos.file : NULL;
	char *key;

	/* Once per place: a file loaded twice (extends, includes) warns once. */
	key = arena_printf(L->a, "%s:%u:%u:%s", file ? file : "", n ? n->pos.line : 0,
			   n ? n->pos.col : 0, name);
	if (smap_find(&L->unset_seen, key))
		return;
	smap_put(&L->unset_seen, key, 0);
	report_add(L->r, &SW0051, file ? arena_strdup(L->r->a, file) : NULL,
		   n ? n->pos.line : 0, n ? n->pos.col : 0, n ? n->pos.line : 0,
		   n ? n->pos.col : 0,
		   "variable %s is not set and has no default: Compose substitutes an empty "
		   "string", name);
}

static void on_interp_error(void *ctx, const char *msg, const struct y_node *n)
{
	struct interp_ctx *ic = ctx;

	ld_error(ic->L, n, "%s", msg);
	ic->errors++;
}

/* Tags the scalars YAML reads as null, so that they stay null once
 * interpolation rewrote their text, and makes the ones interpolation will
 * rewrite non-plain: an empty ${VAR} is an empty string, not null. */
static void mark_nulls(struct ld *L, struct y_node *n, int depth)
{
	if (depth > MAX_DEPTH) {
		too_deep(L, n);
		return;
	}
	if (n->kind == Y_SCALAR) {
		if (y_is_null(n)) {
			if (!n->tag)
				n->tag = null_tag;
		}
		else if (n->plain && memchr(n->str, '$', n->len))
			n->plain = false;	/* what ${X} gives is a string */
	} else if (n->kind == Y_MAP) {
		for (size_t i = 0; i < n->npairs; i++)
			mark_nulls(L, n->pairs[i].value, depth + 1);
	} else {
		for (size_t i = 0; i < n->nitems; i++)
			mark_nulls(L, n->items[i], depth + 1);
	}
}

/* The identity of a file, to tell when two paths name the same one. */
/* Device and inode (st, when known), where realpath reads every
 * component's link (most of the system time over a large tree); else the
 * cleaned path. */
static const char *id_of(struct ld *L, const struct stat *st, const char *path)
{
	if (st && (st->st_ino || st->st_dev))
		return arena_printf(L->a, "@%lx:%lx", (unsigned long)st->st_dev,
				    (unsigned long)st->st_ino);
	return path_clean(L->a, path);
}

static const char *file_id(struct ld *L, const char *path)
{
	struct stat st;

	return id_of(L, !L->nofs && stat(path, &st) == 0 ? &st : NULL, path);
}

static struct ld_file *find_file(struct ld *L, const char *id)
{
	for (size_t i = 0; i < L->nfiles; i++)
		if (streq(L->files[i]->id, id))
			return L->files[i];
	return NULL;
}

/* Reads, parses and interpolates a file once; later calls return the same
 * entry. NULL when it can't be read or parsed (the error is reported).
 * The entry's root is NULL for an empty document. */
static struct ld_file *load_file(struct ld *L, const char *path, const char *dir,
				 const struct env *env, const struct y_node *from)
{
	struct ld_file *f;
	struct y_error err;
	struct y_node *root = NULL, **docs;
	struct interp_ctx ic = { L, 0 };
	struct interp_hooks hooks = { on_unset, on_interp_error, &ic };
	const char *id, *why = NULL, *buf = NULL, *open_path;
	size_t ndocs, len = 0;

	/* As every path seaworthy prints: relative to the current directory
	 * when under it. */
	path = L->nofs ? path_clean(L->a, path) : display_path(L->a, path_clean(L->a, path));
	open_path = path;
	if (streq(path, "-") && !L->nofs)
		path = "<stdin>";
	/* The same path again (extends names one file per service): known
	 * without a system call. */
	for (size_t i = 0; i < L->nfiles; i++)
		if (streq(L->files[i]->path, path))
			return L->files[i]->failed ? NULL : L->files[i];
	if (L->nofs) {
		id = path_clean(L->a, path);
	} else {
		/* Read first: the fstat of the open file gives its identity, so
		 * a file reached by another path is still loaded once. Standard
		 * input goes by its name. */
		struct stat st = { 0 };

		buf = read_file_st(L->a, open_path, &len, &why, &st);
		id = id_of(L, streq(open_path, "-") ? NULL : &st, path);
	}
	if ((f = find_file(L, id)))
		return f->failed ? NULL : f;
	if (L->nfiles >= MAX_FILES) {
		ld_error(L, from, "more than %d compose files in one project", MAX_FILES);
		return NULL;
	}
	/* Entries never move: callers keep pointers across loads. */
	f = arena_alloc(L->a, sizeof(*f));
	*ARENA_PUSH(L->a, L->files, L->nfiles, L->capfiles) = f;
	f->path = path;
	f->id = id;
	f->dir = dir;
	f->failed = true;
	if (L->nofs) {
		if (!streq(path, L->mem_name)) {
			if (from)
				ld_error(L, from, "%s: other files are not read here", path);
			else
				ld_error_at(L, path, 0, "cannot read: other files are not read here");
			return NULL;
		}
		buf = L->mem_buf;
		len = L->mem_len;
	} else if (!buf) {
		if (from)
			ld_error(L, from, "cannot read %s: %s", path, why);
		else
			ld_error_at(L, path, 0, "cannot read: %s", why);
		return NULL;
	}
	f->buf = buf;
	f->len = len;
	if (y_load_all(L->a, path, buf, len, &docs, &ndocs, &err) < 0) {
		ld_error_at(L, err.pos.file ? err.pos.file : path, err.pos.line, "%s", err.msg);
		return NULL;
	}
	f->failed = false;
	/* The documents of a file merge in order, each over the ones before,
	 * as override files do; their !reset tags stay for the next file. */
	for (size_t d = 0; d < ndocs; d++) {
		struct path dp = { .n = 0 };

		if (!docs[d])
			continue;
		if (docs[d]->kind != Y_MAP) {
			ld_error(L, docs[d], "the top level of a compose file must be a mapping");
			f->failed = true;
			return NULL;
		}
		mark_nulls(L, docs[d], 0);
		root = root ? merge(L, root, docs[d], &dp, true) : docs[d];
	}
	if (!root)
		return f;
	interp_tree(L->a, root, env, &hooks);
	if (ic.errors)
		f->failed = true;
	f->root = root;
	return f->failed ? NULL : f;
}

/* --- extends ------------------------------------------------------------------- */

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
		ld_error(L, ext, "extends chain longer than %d services", MAX_EXTENDS);
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

		bf = load_file(L, path, path_dir(L->a, path), env, get(ext, "file"));
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
	copy = strip(L, clone_via(L, base, ep->key->pos, 0));
	p->seg[0] = "services";
	p->seg[1] = sp->key->str;
	p->n = 2;
	merged = merge(L, copy, without_key(L, svc, "extends"), p, true);
	if (merged->kind == Y_MAP) {
		merged->pos = svc->pos;
		merged->via = svc->via;
	}
	f->ext_state[idx] = EXT_DONE;
	sp->value = merged;
	return merged;
}

static void apply_extends(struct ld *L, struct ld_file *f, const struct env *env)
{
	struct y_node *services = get(f->root, "services");

	if (!services || services->kind != Y_MAP)
		return;
	for (size_t i = 0; i < services->npairs; i++)
		resolve_extends(L, f, i, env, 0);
}

/* --- include ------------------------------------------------------------------ */

static struct y_node *load_project(struct ld *L, const char *const *paths,
				   const struct y_node *const *from, size_t n, const char *dir,
				   const struct env *env, int depth);

static bool deep_equal(const struct y_node *a, const struct y_node *b, int depth)
{
	if (!a || !b || depth > MAX_DEPTH)
		return a == b;
	if (a->kind != b->kind)
		return false;
	if (a->kind == Y_SCALAR)
		return is_null(a) == is_null(b) && a->len == b->len &&
		       !memcmp(a->str, b->str, a->len);
	if (a->kind == Y_SEQ) {
		if (a->nitems != b->nitems)
			return false;
		for (size_t i = 0; i < a->nitems; i++)
			if (!deep_equal(a->items[i], b->items[i], depth + 1))
				return false;
		return true;
	}
	if (a->npairs != b->npairs)
		return false;
	for (size_t i = 0; i < a->npairs; i++) {
		struct y_pair *p = pair_of(b, a->pairs[i].key->str);

		if (!p || !deep_equal(a->pairs[i].value, p->value, depth + 1))
			return false;
	}
	return true;
}

static void set_pair(struct ld *L, struct y_node *map, struct y_node *key, struct y_node *value)
{
	struct y_pair *p = pair_of(map, key->str), *np;

	if (p) {
		p->value = value;
		return;
	}
	np = arena_alloc(L->a, (map->npairs + 1) * sizeof(*np));
	if (map->npairs)
		memcpy(np, map->pairs, map->npairs * sizeof(*np));
	np[map->npairs].key = key;
	np[map->npairs].value = value;
	map->pairs = np;
	map->npairs++;
}

static void del_pair(struct y_node *map, const char *key)
{
	size_t o = 0;

	for (size_t i = 0; i < map->npairs; i++)
		if (!streq(map->pairs[i].key->str, key))
			map->pairs[o++] = map->pairs[i];
	map->npairs = o;
}

/* Adds an included project's resources to root (compose-go importResources):
 * a name defined on both sides must be defined the same way. */
static void import_resources(struct ld *L, struct y_node *root, const struct y_node *sub)
{
	static const char *const keys[] = {
		"services", "volumes", "networks", "secrets", "configs", "models",
	};

	for (size_t k = 0; k < sizeof(keys) / sizeof(keys[0]); k++) {
		struct y_pair *from = pair_of(sub, keys[k]), *top = pair_of(root, keys[k]);
		struct y_node *to;
		struct pairvec pv = { 0 };

		if (!from || from->value->kind != Y_MAP)
			continue;
		if (!top || is_null(top->value)) {
			set_pair(L, root, from->key, from->value);
			continue;
		}
		if (top->value->kind != Y_MAP)
			continue;
		to = top->value;
		for (size_t i = 0; i < to->npairs; i++)
			pv_add(L->a, &pv, to->pairs[i].key, to->pairs[i].value);
		for (size_t i = 0; i < from->value->npairs; i++) {
			struct y_pair *fp = &from->value->pairs[i], *tp = pair_of(to, fp->key->str);

			if (!tp)
				pv_add(L->a, &pv, fp->key, fp->value);
			else if (!deep_equal(tp->value, fp->value, 0))
				ld_error(L, tp->key, "%s.%s conflicts with the one imported from %s "
					 "(line %u)", keys[k], fp->key->str,
					 fp->key->pos.file ? fp->key->pos.file : "an include",
					 fp->key->pos.line);
		}
		top->value = new_node(L->a, Y_MAP, to->pos, to->via);
		top->value->pairs = pv.v;
		top->value->npairs = pv.n;
	}
}

static bool in_chain(const struct ld *L, const char *id)
{
	for (size_t i = 0; i < L->nchain; i++)
		if (streq(L->chain[i], id))
			return true;
	return false;
}

/* env files into a copy of env whose own variables win. -1 on errors. */
static int env_with_files(struct ld *L, const struct env *env, const char *const *files,
			  const struct y_node *const *at, size_t n, struct env *out)
{
	struct env dot = { 0 };
	int rc = 0;

	for (size_t i = 0; i < n; i++) {
		const char *why, *msg = NULL;
		unsigned line = 0;
		size_t len;
		char *buf = read_file(L->a, files[i], &len, &why);

		if (!buf) {
			if (at && at[i])
				ld_error(L, at[i], "cannot read %s: %s", files[i], why);
			else
				ld_error_at(L, files[i], 0, "cannot read: %s", why);
			rc = -1;
			continue;
		}
		if (dotenv_parse(L->a, files[i], buf, len, &dot, env, &line, &msg) < 0) {
			ld_error_at(L, files[i], line, "%s", msg ? msg : "invalid .env syntax");
			rc = -1;
		}
	}
	memset(out, 0, sizeof(*out));
	for (size_t i = 0; i < dot.n; i++)
		env_set(L->a, out, dot.v[i].name, dot.v[i].value, dot.v[i].file, dot.v[i].line);
	for (size_t i = 0; env && i < env->n; i++)
		env_set(L->a, out, env->v[i].name, env->v[i].value, env->v[i].file, env->v[i].line);
	return rc;
}

static void include_one(struct ld *L, struct ld_file *f, struct y_node *item,
			const struct env *env, int depth)
{
	struct itemvec paths = { 0 }, envs = { 0 };
	struct y_node *pd = NULL, *pn, *sub;
	const char **p, **e;
	const char *dir;
	struct env incenv;

	if (item->kind == Y_SCALAR && !is_null(item)) {
		iv_add(L->a, &paths, item);
	} else if (item->kind == Y_MAP) {
		for (size_t i = 0; i < item->npairs; i++) {
			const char *k = item->pairs[i].key->str;
			struct y_node *v = item->pairs[i].value;

			if (streq(k, "path") || streq(k, "env_file")) {
				struct itemvec *iv = streq(k, "path") ? &paths : &envs;

				if (v->kind == Y_SCALAR && !is_null(v)) {
					iv_add(L->a, iv, v);
				} else if (v->kind == Y_SEQ) {
					for (size_t j = 0; j < v->nitems; j++)
						if (str_of(v->items[j]))
							iv_add(L->a, iv, v->items[j]);
						else
							ld_error(L, v->items[j], "include.%s must "
								 "list paths", k);
				} else {
					ld_error(L, v, "include.%s must be a path or a list of "
						 "paths", k);
				}
			} else if (streq(k, "project_directory")) {
				if (!str_of(v))
					ld_error(L, v, "include.project_directory must be a path");
				else
					pd = v;
			} else if (!starts_with(k, "x-")) {
				ld_error(L, item->pairs[i].key, "include: unknown key %s", k);
			}
		}
		if (!paths.n) {
			ld_error(L, item, "include needs a path");
			return;
		}
	} else {
		ld_error(L, item, "an include must be a path or a mapping");
		return;
	}
	if (L->nofs) {
		ld_error(L, item, "include: other files are not read here");
		return;
	}
	if (depth >= MAX_INCLUDES) {
		ld_error(L, item, "includes nested more than %d deep", MAX_INCLUDES);
		return;
	}
	p = arena_alloc(L->a, paths.n * sizeof(*p));
	for (size_t i = 0; i < paths.n; i++)
		p[i] = path_join(L->a, f->dir, paths.v[i]->str);
	pn = paths.v[0];
	dir = pd ? path_join(L->a, f->dir, pd->str) : path_dir(L->a, p[0]);
	if (in_chain(L, file_id(L, p[0]))) {
		ld_error(L, pn, "include cycle: %s includes %s again", f->path, p[0]);
		return;
	}
	e = arena_alloc(L->a, (envs.n + 1) * sizeof(*e));
	{
		size_t ne = 0;
		const struct y_node **eat = arena_alloc(L->a, (envs.n + 1) * sizeof(*eat));

		for (size_t i = 0; i < envs.n; i++) {
			if (streq(envs.v[i]->str, "/dev/null"))
				continue;
			eat[ne] = envs.v[i];
			e[ne++] = path_join(L->a, f->dir, envs.v[i]->str);
		}
		if (!envs.n && is_regular_file(path_join(L->a, dir, ".env"))) {
			eat[ne] = NULL;
			e[ne++] = path_join(L->a, dir, ".env");
		}
		if (env_with_files(L, env, e, eat, ne, &incenv) < 0)
			return;
	}
	sub = load_project(L, p, (const struct y_node *const *)paths.v, paths.n, dir, &incenv,
			   depth + 1);
	if (sub && sub->kind == Y_MAP)
		import_resources(L, f->root, sub);
}

static void apply_include(struct ld *L, struct ld_file *f, const struct env *env, int depth)
{
	struct y_node *inc = get(f->root, "include");

	if (!inc)
		return;
	if (inc->kind == Y_SEQ) {
		for (size_t i = 0; i < inc->nitems; i++)
			include_one(L, f, inc->items[i], env, depth);
	} else if (!is_null(inc)) {
		ld_error(L, inc, "include must be a list");
	}
	del_pair(f->root, "include");
}

static void check_top(struct ld *L, const struct y_node *root)
{
	static const char *const known[] = {
		"version", "name", "include", "services", "networks", "volumes", "secrets",
		"configs", "models", NULL,
	};

	for (size_t i = 0; i < root->npairs; i++) {
		const struct y_node *k = root->pairs[i].key, *v = root->pairs[i].value;

		if (starts_with(k->str, "x-"))
			continue;
		if (!one_of(k->str, known)) {
			ld_error(L, k, "unknown top-level key \"%s\" (Compose allows only services, "
				 "networks, volumes, secrets, configs, models, include, name, version "
				 "and x- extensions)", k->str);
			continue;
		}
		if ((streq(k->str, "name") || streq(k->str, "version")) && v->kind != Y_SCALAR)
			ld_error(L, v, "%s must be a string", k->str);
		else if (!streq(k->str, "name") && !streq(k->str, "version") &&
			 !streq(k->str, "include") && !is_null(v) && v->kind != Y_MAP)
			ld_error(L, v, "%s must be a mapping", k->str);
	}
}

/* Loads and merges files in order: a project, or an included one. */
static struct y_node *load_project(struct ld *L, const char *const *paths,
				   const struct y_node *const *from, size_t n, const char *dir,
				   const struct env *env, int depth)
{
	struct y_node *merged = NULL;

	for (size_t i = 0; i < n; i++) {
		struct ld_file *f = load_file(L, paths[i], dir, env, from ? from[i] : NULL);

		if (!f || !f->root)
			continue;
		check_top(L, f->root);
		*ARENA_PUSH(L->a, L->chain, L->nchain, L->capchain) = f->id;
		apply_extends(L, f, env);
		apply_include(L, f, env, depth);
		L->nchain--;
		L->path.n = 0;
		merged = merge(L, merged, f->root, &L->path, false);
		unicity(L, merged);
	}
	return merged;
}

/* --- the typed model ------------------------------------------------------------ */

struct mctx {
	struct ld *L;
	const char *svc;	/* service name, for messages */
};

static void type_error(struct mctx *m, const char *key, const struct y_node *n, const char *want)
{
	ld_error(m->L, n, "services.%s.%s must be %s", m->svc, key, want);
}

static struct c_value cval(const struct y_node *n)
{
	struct c_value v = { 0 };

	if (n && n->kind == Y_SCALAR && !is_null(n)) {
		v.s = n->str;
		v.pos = n->pos;
		v.via = n->via;
	}
	return v;
}

static struct c_value want_string(struct mctx *m, const struct y_node *svc, const char *key)
{
	const struct y_node *n = get(svc, key);

	if (n && n->kind != Y_SCALAR)
		type_error(m, key, n, "a string");
	return cval(n);
}

/* compose-go's toBoolean: YAML 1.1 booleans, any case. */
static int parse_bool(const char *s)
{
	static const char *const yes[] = { "true", "yes", "y", "on", NULL };
	static const char *const no[] = { "false", "no", "n", "off", NULL };

	for (const char *const *p = yes; *p; p++)
		if (!strcasecmp(s, *p))
			return 1;
	for (const char *const *p = no; *p; p++)
		if (!strcasecmp(s, *p))
			return 0;
	return -1;
}

/* A boolean as "true" or "false", with the position it was written at. */
static struct c_value want_bool(struct mctx *m, const struct y_node *n, const char *key)
{
	struct c_value v = cval(n);
	int b;

	if (n && n->kind != Y_SCALAR) {
		type_error(m, key, n, "a boolean");
		return v;
	}
	if (!v.s)
		return v;
	if ((b = parse_bool(v.s)) < 0) {
		ld_error(m->L, n, "services.%s.%s must be a boolean, not \"%s\"", m->svc, key, v.s);
		v.s = NULL;
		return v;
	}
	v.s = b ? "true" : "false";
	return v;
}

static void list_add(struct arena *a, struct c_list *l, const struct y_node *n, const char *s)
{
	struct c_value *v = ARENA_PUSH(a, l->v, l->n, l->cap);

	v->s = s;
	v->pos = n->pos;
	v->via = n->via;
}

/* A list of strings; with one_ok a single string is a one-item list. */
static void want_list(struct mctx *m, const struct y_node *n, const char *key, bool one_ok,
		      struct c_list *out)
{
	if (is_null(n))
		return;
	if (n->kind == Y_SCALAR) {
		if (one_ok)
			list_add(m->L->a, out, n, n->str);
		else
			type_error(m, key, n, "a list");
		return;
	}
	if (n->kind != Y_SEQ) {
		type_error(m, key, n, one_ok ? "a string or a list" : "a list");
		return;
	}
	for (size_t i = 0; i < n->nitems; i++) {
		const struct y_node *it = n->items[i];

		if (it->kind != Y_SCALAR) {
			type_error(m, key, it, "a list of strings");
			continue;
		}
		if (!is_null(it))
			list_add(m->L->a, out, it, it->str);
	}
}

/* Splits a command string into words as go-shellwords does: blanks
 * separate, quotes group, backslash escapes. Returns -1 on an open quote. */
static int split_words(struct arena *a, const struct y_node *n, struct c_list *out)
{
	const char *s = n->str;
	struct strbuf w = STRBUF_INIT;
	bool in_word = false;
	char q = 0;

	for (;; s++) {
		char c = *s;

		if (!c) {
			if (q) {
				strbuf_release(&w);
				return -1;
			}
			if (in_word)
				list_add(a, out, n, arena_strdup(a, w.buf));
			break;
		}
		if (q == '\'') {
			if (c == '\'')
				q = 0;
			else
				strbuf_addch(&w, c);
			continue;
		}
		if (c == '\\' && s[1] && (q != '"' || strchr("\\\"$`\n", s[1]))) {
			strbuf_addch(&w, *++s);
			in_word = true;
			continue;
		}
		if (q == '"') {
			if (c == '"')
				q = 0;
			else
				strbuf_addch(&w, c);
			continue;
		}
		if (c == '\'' || c == '"') {
			q = c;
			in_word = true;
			continue;
		}
		if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
			if (in_word)
				list_add(a, out, n, arena_strdup(a, w.buf));
			strbuf_reset(&w);
			in_word = false;
			continue;
		}
		strbuf_addch(&w, c);
		in_word = true;
	}
	strbuf_release(&w);
	return 0;
}

static void want_command(struct mctx *m, const struct y_node *n, const char *key,
			 struct c_list *out)
{
	if (is_null(n))
		return;
	if (n->kind == Y_SCALAR) {
		if (split_words(m->L->a, n, out) < 0)
			ld_error(m->L, n, "services.%s.%s has an unterminated quote", m->svc, key);
		return;
	}
	want_list(m, n, key, false, out);
}

static void kv_add(struct arena *a, struct c_kv **v, size_t *n, size_t *cap,
		   const struct y_node *at, const char *key, const char *value)
{
	struct c_kv *kv = ARENA_PUSH(a, *v, *n, *cap);

	kv->key = key;
	kv->value = value;
	kv->pos = at->pos;
	kv->via = at->via;
}

/* environment, labels, logging options: a KEY=VALUE list or a mapping. */
static void want_kv(struct mctx *m, const struct y_node *n, const char *key, bool list_ok,
		    struct c_kv **out, size_t *nout)
{
	size_t cap = 0;

	*out = NULL;
	*nout = 0;
	if (is_null(n))
		return;
	if (n->kind == Y_SEQ && list_ok) {
		for (size_t i = 0; i < n->nitems; i++) {
			const struct y_node *it = n->items[i];
			const char *eq;

			if (it->kind != Y_SCALAR || is_null(it)) {
				type_error(m, key, it, "a list of KEY=VALUE strings");
				continue;
			}
			eq = strchr(it->str, '=');
			kv_add(m->L->a, out, nout, &cap, it,
			       eq ? arena_strndup(m->L->a, it->str, (size_t)(eq - it->str)) : it->str,
			       eq ? eq + 1 : NULL);
		}
		return;
	}
	if (n->kind != Y_MAP) {
		type_error(m, key, n, list_ok ? "a mapping or a list" : "a mapping");
		return;
	}
	for (size_t i = 0; i < n->npairs; i++) {
		const struct y_node *k = n->pairs[i].key, *v = n->pairs[i].value;

		if (v->kind != Y_SCALAR) {
			ld_error(m->L, v, "services.%s.%s.%s must be a string, a number, a boolean "
				 "or null", m->svc, key, k->str);
			continue;
		}
		kv_add(m->L->a, out, nout, &cap, k, k->str, is_null(v) ? NULL : v->str);
	}
}

static void model_ports(struct mctx *m, const struct y_node *n, struct c_service *s)
{
	size_t cap = 0;

	if (is_null(n))
		return;
	if (n->kind != Y_SEQ) {
		type_error(m, "ports", n, "a list");
		return;
	}
	for (size_t i = 0; i < n->nitems; i++) {
		const struct y_node *it = n->items[i];
		struct c_port port = { 0 };

		port.pos = it->pos;
		port.via = it->via;
		port.protocol = "tcp";
		port.mode = "ingress";
		if (it->kind == Y_SCALAR && !is_null(it)) {
			struct port_spec ps;
			const char *why = parse_port(m->L->a, it->str, &ps);

			if (why) {
				ld_error(m->L, it, "services.%s.ports: invalid port \"%s\": %s", m->svc,
					 it->str, why);
				continue;
			}
			port.host_ip = ps.ip;
			port.published = ps.published;
			port.target = ps.target;
			port.protocol = ps.protocol;
		} else if (it->kind == Y_MAP) {
			const char *v;

			for (size_t j = 0; j < it->npairs; j++)
				if (it->pairs[j].value->kind != Y_SCALAR)
					ld_error(m->L, it->pairs[j].value, "services.%s.ports.%s must "
						 "be a value", m->svc, it->pairs[j].key->str);
			port.long_syntax = true;
			port.target = str_of(get(it, "target"));
			if (!port.target) {
				ld_error(m->L, it, "services.%s.ports: a port needs a target", m->svc);
				continue;
			}
			if (!port_range(port.target, strlen(port.target))) {
				ld_error(m->L, get(it, "target"), "services.%s.ports: invalid target "
					 "port \"%s\"", m->svc, port.target);
				continue;
			}
			if ((v = str_of(get(it, "published"))) && *v) {
				if (!port_range(v, strlen(v))) {
					ld_error(m->L, get(it, "published"), "services.%s.ports: invalid "
						 "published port \"%s\"", m->svc, v);
					continue;
				}
				port.published = v;
			}
			if ((v = str_of(get(it, "host_ip"))) && *v)
				port.host_ip = v;
			if ((v = str_of(get(it, "protocol"))) && *v)
				port.protocol = v;
			if ((v = str_of(get(it, "mode"))) && *v)
				port.mode = v;
		} else {
			type_error(m, "ports", it, "a list of ports");
			continue;
		}
		*ARENA_PUSH(m->L->a, s->ports, s->nports, cap) = port;
	}
}

/* A bind source made relative to the project: not ~, not a Windows path. */
static bool resolvable(const char *src)
{
	return src[0] != '~' && src[0] != '\\' && !(src[0] && src[1] == ':' && src[0] != '.');
}

static void model_volumes(struct mctx *m, const struct y_node *n, struct c_service *s)
{
	static const char *const types[] = {
		"bind", "volume", "tmpfs", "npipe", "image", "cluster", NULL,
	};
	size_t cap = 0;

	if (is_null(n))
		return;
	if (n->kind != Y_SEQ) {
		type_error(m, "volumes", n, "a list");
		return;
	}
	for (size_t i = 0; i < n->nitems; i++) {
		const struct y_node *it = n->items[i];
		struct c_volume vol = { 0 };

		vol.pos = it->pos;
		vol.via = it->via;
		if (it->kind == Y_SCALAR && !is_null(it)) {
			struct vol_spec vs;
			const char *why = parse_volume(m->L->a, it->str, &vs);

			if (why) {
				ld_error(m->L, it, "services.%s.volumes: invalid volume \"%s\": %s",
					 m->svc, it->str, why);
				continue;
			}
			vol.type = vs.bind ? "bind" : "volume";
			vol.source = vs.source;
			if (vs.bind && resolvable(vs.source))
				vol.source = resolve_at(m->L, it, vs.source);
			vol.target = vs.target;
			vol.read_only = vs.read_only;
		} else if (it->kind == Y_MAP) {
			const struct y_node *ro = get(it, "read_only"), *src = get(it, "source");

			vol.long_syntax = true;
			vol.type = str_of(get(it, "type"));
			if (!vol.type) {
				ld_error(m->L, it, "services.%s.volumes: a volume needs a type", m->svc);
				continue;
			}
			if (!one_of(vol.type, types)) {
				ld_error(m->L, get(it, "type"), "services.%s.volumes: unknown volume "
					 "type \"%s\"", m->svc, vol.type);
				continue;
			}
			vol.target = str_of(get(it, "target"));
			if (!vol.target) {
				ld_error(m->L, it, "services.%s.volumes: a volume needs a target",
					 m->svc);
				continue;
			}
			vol.source = str_of(src);
			if (vol.source && !*vol.source)
				vol.source = NULL;
			if (vol.source && streq(vol.type, "bind") && resolvable(vol.source))
				vol.source = resolve_at(m->L, src, vol.source);
			if (streq(vol.type, "tmpfs"))
				vol.source = NULL;
			vol.read_only = streq(want_bool(m, ro, "volumes.read_only").s, "true");
		} else {
			type_error(m, "volumes", it, "a list of volumes");
			continue;
		}
		*ARENA_PUSH(m->L->a, s->volumes, s->nvolumes, cap) = vol;
	}
}

static void model_depends(struct mctx *m, const struct y_node *n, struct c_service *s)
{
	static const char *const conditions[] = {
		"service_started", "service_healthy", "service_completed_successfully", NULL,
	};
	size_t cap = 0;

	if (is_null(n))
		return;
	if (n->kind == Y_SEQ) {
		for (size_t i = 0; i < n->nitems; i++) {
			const struct y_node *it = n->items[i];
			struct c_dep *d;

			if (!str_of(it)) {
				type_error(m, "depends_on", it, "a list of service names");
				continue;
			}
			d = ARENA_PUSH(m->L->a, s->depends_on, s->ndepends_on, cap);
			d->service = it->str;
			d->condition = "service_started";
			d->pos = it->pos;
			d->via = it->via;
		}
		return;
	}
	if (n->kind != Y_MAP) {
		type_error(m, "depends_on", n, "a list or a mapping");
		return;
	}
	for (size_t i = 0; i < n->npairs; i++) {
		const struct y_node *k = n->pairs[i].key, *v = n->pairs[i].value, *c;
		struct c_dep *d;

		if (!is_null(v) && v->kind != Y_MAP) {
			ld_error(m->L, v, "services.%s.depends_on.%s must be a mapping", m->svc,
				 k->str);
			continue;
		}
		d = ARENA_PUSH(m->L->a, s->depends_on, s->ndepends_on, cap);
		d->service = k->str;
		d->condition = "service_started";
		d->pos = k->pos;
		d->via = k->via;
		if ((c = get(v, "condition")) && !is_null(c)) {
			if (!str_of(c) || !one_of(c->str, conditions))
				ld_error(m->L, c, "services.%s.depends_on.%s.condition must be one of "
					 "service_started, service_healthy, "
					 "service_completed_successfully", m->svc, k->str);
			else
				d->condition = c->str;
		}
	}
}

static void model_build_section(struct mctx *m, const struct y_node *n, struct c_service *s)
{
	const struct y_node *ctx = NULL, *df = NULL, *inl = NULL, *tg = NULL;
	const char *context, *dockerfile;

	if (is_null(n))
		return;
	if (n->kind == Y_SCALAR) {
		ctx = n;
	} else if (n->kind == Y_MAP) {
		static const char *const strs[] = { "context", "dockerfile", "target", NULL };

		for (const char *const *k = strs; *k; k++)
			if (get(n, *k) && get(n, *k)->kind != Y_SCALAR)
				ld_error(m->L, get(n, *k), "services.%s.build.%s must be a string",
					 m->svc, *k);
		ctx = get(n, "context");
		df = get(n, "dockerfile");
		inl = get(n, "dockerfile_inline");
		tg = get(n, "target");
	} else {
		type_error(m, "build", n, "a path or a mapping");
		return;
	}
	context = str_of(ctx);
	if (!context || !*context)
		context = ".";
	if (!is_remote(context))
		context = resolve_at(m->L, ctx && str_of(ctx) ? ctx : n, context);
	s->build_context = cval(ctx && str_of(ctx) ? ctx : n);
	if (!s->build_context.s) {
		s->build_context.pos = n->pos;
		s->build_context.via = n->via;
	}
	s->build_context.s = context;
	s->build_target = cval(tg);
	if (str_of(inl) || is_remote(context))
		return;	/* no Dockerfile to open */
	dockerfile = str_of(df) && *str_of(df) ? str_of(df) : "Dockerfile";
	s->build_dockerfile = cval(str_of(df) ? df : n);
	if (!s->build_dockerfile.s) {
		s->build_dockerfile.pos = n->pos;
		s->build_dockerfile.via = n->via;
	}
	s->build_dockerfile.s = path_join(m->L->a, context, dockerfile);
}

static void model_service(struct ld *L, struct y_pair *sp, struct c_service *s)
{
	struct mctx m = { L, sp->key->str };
	const struct y_node *svc = sp->value, *n, *hc, *dep, *rp, *lg;

	s->name = sp->key->str;
	s->pos = sp->key->pos;
	s->node = svc;
	s->image = want_string(&m, svc, "image");
	s->user = want_string(&m, svc, "user");
	s->restart = want_string(&m, svc, "restart");
	s->network_mode = want_string(&m, svc, "network_mode");
	s->pid = want_string(&m, svc, "pid");
	s->ipc = want_string(&m, svc, "ipc");
	s->userns_mode = want_string(&m, svc, "userns_mode");
	s->container_name = want_string(&m, svc, "container_name");
	s->privileged = want_bool(&m, get(svc, "privileged"), "privileged");
	s->read_only = want_bool(&m, get(svc, "read_only"), "read_only");
	s->init = want_bool(&m, get(svc, "init"), "init");
	model_build_section(&m, get(svc, "build"), s);
	want_list(&m, get(svc, "cap_add"), "cap_add", false, &s->cap_add);
	want_list(&m, get(svc, "security_opt"), "security_opt", false, &s->security_opt);
	want_list(&m, get(svc, "profiles"), "profiles", false, &s->profiles);
	want_list(&m, get(svc, "expose"), "expose", false, &s->expose);
	want_command(&m, get(svc, "command"), "command", &s->command);
	want_command(&m, get(svc, "entrypoint"), "entrypoint", &s->entrypoint);
	if ((n = get(svc, "networks")) && n->kind == Y_MAP) {
		for (size_t i = 0; i < n->npairs; i++) {
			if (!is_null(n->pairs[i].value) && n->pairs[i].value->kind != Y_MAP)
				ld_error(L, n->pairs[i].value, "services.%s.networks.%s must be a "
					 "mapping or null", m.svc, n->pairs[i].key->str);
			list_add(L->a, &s->networks, n->pairs[i].key, n->pairs[i].key->str);
		}
	} else {
		want_list(&m, n, "networks", false, &s->networks);
	}
	model_ports(&m, get(svc, "ports"), s);
	model_volumes(&m, get(svc, "volumes"), s);
	want_kv(&m, get(svc, "environment"), "environment", true, &s->environment,
		&s->nenvironment);
	want_kv(&m, get(svc, "labels"), "labels", true, &s->labels, &s->nlabels);
	model_depends(&m, get(svc, "depends_on"), s);
	if ((lg = get(svc, "logging")) && !is_null(lg)) {
		if (lg->kind != Y_MAP) {
			type_error(&m, "logging", lg, "a mapping");
		} else {
			if ((n = get(lg, "driver")) && n->kind != Y_SCALAR)
				type_error(&m, "logging.driver", n, "a string");
			s->logging_driver = cval(get(lg, "driver"));
			want_kv(&m, get(lg, "options"), "logging.options", false,
				&s->logging_options, &s->nlogging_options);
		}
	}
	if ((dep = get(svc, "deploy")) && !is_null(dep)) {
		if (dep->kind != Y_MAP) {
			type_error(&m, "deploy", dep, "a mapping");
		} else if ((rp = get(dep, "restart_policy")) && !is_null(rp)) {
			if (rp->kind != Y_MAP) {
				type_error(&m, "deploy.restart_policy", rp, "a mapping");
			} else {
				if ((n = get(rp, "condition")) && n->kind != Y_SCALAR)
					type_error(&m, "deploy.restart_policy.condition", n, "a string");
				if ((n = get(rp, "max_attempts")) && n->kind != Y_SCALAR)
					type_error(&m, "deploy.restart_policy.max_attempts", n,
						   "a number");
				s->deploy_restart_condition = cval(get(rp, "condition"));
				s->deploy_restart_max_attempts = cval(get(rp, "max_attempts"));
			}
		}
	}
	hc = get(svc, "healthcheck");
	if (hc && !is_null(hc) && hc->kind != Y_MAP) {
		type_error(&m, "healthcheck", hc, "a mapping");
	} else if (hc && !is_null(hc)) {
		const struct y_node *t = get(hc, "test");

		s->has_healthcheck = true;
		if (streq(want_bool(&m, get(hc, "disable"), "healthcheck.disable").s, "true"))
			s->has_healthcheck = false;
		if (t && t->kind == Y_SEQ && t->nitems && streq(str_of(t->items[0]), "NONE"))
			s->has_healthcheck = false;
		if (t && !is_null(t) && t->kind == Y_MAP)
			type_error(&m, "healthcheck.test", t, "a string or a list");
	}
}

static bool profile_enabled(const char *const *enabled, size_t n, const struct c_service *s)
{
	if (!s->profiles.n)
		return true;
	for (size_t i = 0; i < s->profiles.n; i++)
		for (size_t j = 0; j < n; j++)
			if (streq(enabled[j], "*") || streq(enabled[j], s->profiles.v[i].s))
				return true;
	return false;
}

static const struct c_service *find_service(const struct c_project *p, const char *name)
{
	for (size_t i = 0; i < p->nservices; i++)
		if (streq(p->services[i].name, name))
			return &p->services[i];
	return NULL;
}

/* The names a service refers to in a top-level section (networks ...). */
static bool declared(const struct y_node *root, const char *section, const char *name)
{
	const struct y_node *sec = get(root, section);

	return sec && sec->kind == Y_MAP && pair_of(sec, name);
}

/* What compose-go's checkConsistency refuses, for enabled services. */
static void check_references(struct ld *L, const struct c_project *p, const struct c_service *s)
{
	const struct y_node *svc = s->node;
	static const char *const mounts[] = { "secrets", "configs" };

	if ((!s->image.s || !*s->image.s) && !get(svc, "build") && !get(svc, "provider") &&
	    !smap_find(&L->ext_failed, s->name))
		ld_error_at(L, s->pos.file, s->pos.line, "service \"%s\" has neither an image nor "
			    "a build context", s->name);
	for (size_t i = 0; i < s->ndepends_on; i++)
		if (!find_service(p, s->depends_on[i].service))
			ld_error_at(L, s->depends_on[i].pos.file, s->depends_on[i].pos.line,
				    "service \"%s\" depends on undefined service \"%s\"", s->name,
				    s->depends_on[i].service);
	if (s->network_mode.s && starts_with(s->network_mode.s, "service:") &&
	    !find_service(p, s->network_mode.s + 8))
		ld_error_at(L, s->network_mode.pos.file, s->network_mode.pos.line,
			    "service \"%s\" uses network_mode %s, but there is no such service",
			    s->name, s->network_mode.s);
	for (size_t i = 0; i < s->networks.n; i++)
		if (!streq(s->networks.v[i].s, "default") &&
		    !declared(p->root, "networks", s->networks.v[i].s))
			ld_error_at(L, s->networks.v[i].pos.file, s->networks.v[i].pos.line,
				    "service \"%s\" refers to undefined network \"%s\"", s->name,
				    s->networks.v[i].s);
	for (size_t i = 0; i < s->nvolumes; i++)
		if (streq(s->volumes[i].type, "volume") && s->volumes[i].source &&
		    !declared(p->root, "volumes", s->volumes[i].source))
			ld_error_at(L, s->volumes[i].pos.file, s->volumes[i].pos.line,
				    "service \"%s\" refers to undefined volume \"%s\"", s->name,
				    s->volumes[i].source);
	for (size_t k = 0; k < 2; k++) {
		const struct y_node *list = get(svc, mounts[k]);

		if (!list || list->kind != Y_SEQ)
			continue;
		for (size_t i = 0; i < list->nitems; i++) {
			const struct y_node *it = list->items[i];
			const char *name = str_of(it) ? str_of(it) : str_of(get(it, "source"));

			if (name && !declared(p->root, mounts[k], name))
				ld_error(L, it, "service \"%s\" refers to undefined %.6s \"%s\"",
					 s->name, mounts[k], name);
		}
	}
}

static const char *normalize_name(struct arena *a, const char *s)
{
	char *o = arena_alloc(a, strlen(s) + 1);
	size_t n = 0;

	for (; *s; s++) {
		char c = *s >= 'A' && *s <= 'Z' ? (char)(*s - 'A' + 'a') : *s;

		if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '-') {
			if (!n && (c == '_' || c == '-'))
				continue;
			o[n++] = c;
		}
	}
	o[n] = 0;
	return o;
}

/* Builds out's services from out->root. */
static void build_model(struct ld *L, struct c_project *out, const char *const *profiles,
			size_t nprofiles)
{
	struct y_node *services = get(out->root, "services");
	size_t cap = 0;

	if (!services || services->kind != Y_MAP)
		return;
	for (size_t i = 0; i < services->npairs; i++) {
		struct y_pair *sp = &services->pairs[i];
		struct c_service *s;

		if (starts_with(sp->key->str, "x-"))
			continue;	/* an extension, not a service */
		if (sp->value->kind != Y_MAP) {
			ld_error(L, sp->value, "services.%s must be a mapping", sp->key->str);
			continue;
		}
		s = ARENA_PUSH(L->a, out->services, out->nservices, cap);
		model_service(L, sp, s);
		s->active = profile_enabled(profiles, nprofiles, s);
	}
	for (size_t i = 0; i < out->nservices; i++)
		if (out->services[i].active)
			check_references(L, out, &out->services[i]);
}

/* --- discovery ------------------------------------------------------------------ */

static bool has_suffix(const char *s, const char *suffix)
{
	size_t n = strlen(s), m = strlen(suffix);

	return n >= m && !strcasecmp(s + n - m, suffix);
}

bool compose_is_compose_file(const char *name)
{
	const char *b = last_name(name);
	size_t stem;
	static const char *const words[] = { "docker-compose", "compose" };

	if (has_suffix(b, ".yml"))
		stem = strlen(b) - 4;
	else if (has_suffix(b, ".yaml"))
		stem = strlen(b) - 5;
	else
		return false;
	for (size_t i = 0; i < 2; i++) {
		size_t w = strlen(words[i]);

		/* compose.yaml, docker-compose.prod.yml, docker-compose_v3_x.yaml */
		if (stem >= w && !strncasecmp(b, words[i], w) &&
		    (stem == w || strchr("._-", b[w])))
			return true;
		/* prod.compose.yml, app-docker-compose.yaml */
		if (stem > w && !strncasecmp(b + stem - w, words[i], w) &&
		    strchr("._-", b[stem - w - 1]))
			return true;
	}
	return false;
}

static bool is_default_name(const char *name)
{
	for (size_t i = 0; i < NNAMES; i++)
		if (streq(name, base_names[i]) || streq(name, override_names[i]))
			return true;
	return false;
}

void compose_discover_listed(struct arena *a, const char *dir, const struct dir_entry *ents,
			     size_t nents, struct compose_discovery *out, struct report *r)
{
	const char **names = NULL;
	size_t n = 0, cap = 0;
	const char *bases[NNAMES] = { NULL }, *overrides[NNAMES] = { NULL };
	size_t nbases = 0;

	memset(out, 0, sizeof(*out));
	if (!dir || !*dir)
		dir = ".";
	/* ents are sorted by name already. */
	for (size_t i = 0; i < nents; i++) {
		const char *name = ents[i].name;

		if (name[0] == '.' || !compose_is_compose_file(name))
			continue;
		/* readdir's type settles most; a symlink (or a file system that
		 * does not tell) is stat'ed, as Compose opens what it points to. */
		if (ents[i].type != DT_REG &&
		    !((ents[i].type == DT_LNK || ents[i].type == DT_UNKNOWN) &&
		      is_regular_file(path_join(a, dir, name))))
			continue;
		*ARENA_PUSH(a, names, n, cap) = name;
	}
	for (size_t i = 0; i < n; i++)
		for (size_t k = 0; k < NNAMES; k++) {
			if (streq(names[i], base_names[k]))
				bases[k] = path_join(a, dir, names[i]);
			if (streq(names[i], override_names[k]))
				overrides[k] = path_join(a, dir, names[i]);
		}
	for (size_t k = 0; k < NNAMES; k++) {
		if (bases[k] && !out->base)
			out->base = bases[k];
		if (overrides[k] && !out->override)
			out->override = overrides[k];
		nbases += bases[k] != NULL;
	}
	/* Compose warns and uses the first; the others are never loaded. */
	if (nbases > 1 && r)
		for (size_t k = 0; k < NNAMES; k++)
			if (bases[k] && bases[k] != out->base)
				report_add(r, &SW0603,
					   arena_strdup(r->a, bases[k]), 1, 1, 1, 1,
					   "docker compose ignores %s: it loads %s from the same "
					   "folder", last_name(bases[k]), last_name(out->base));
	for (size_t i = 0; i < n; i++)
		if (!is_default_name(names[i]))
			*ARENA_PUSH(a, out->variants, out->nvariants, out->capvariants) =
				path_join(a, dir, names[i]);
}

void compose_discover(struct arena *a, const char *dir, struct compose_discovery *out,
		      struct report *r)
{
	struct dir_entry *ents;
	size_t n = discover_read_dir(a, dir && *dir ? dir : ".", &ents);

	if (n == (size_t)-1) {
		memset(out, 0, sizeof(*out));
		return;
	}
	compose_discover_listed(a, dir, ents, n, out, r);
}

/* --- loading ---------------------------------------------------------------------- */

static void split_list(struct arena *a, const char *s, char sep, const char ***out, size_t *n)
{
	size_t cap = 0;

	*out = NULL;
	*n = 0;
	while (s && *s) {
		size_t len = strcspn(s, (char[]){ sep, 0 });

		if (len)
			*ARENA_PUSH(a, *out, *n, cap) = arena_strndup(a, s, len);
		s += len;
		if (*s)
			s++;
	}
}

static const char *env_value(const struct env *e, const char *name)
{
	const struct env_var *v = env_get(e, name, strlen(name));

	return v && v->value && *v->value ? v->value : NULL;
}

static const char *dir_name_of(struct ld *L, const char *dir)
{
	char buf[PATH_MAX];
	const char *base = last_name(path_clean(L->a, dir));

	/* Only "." and ".." need the file system to have a name. */
	if (strcmp(base, ".") && strcmp(base, "..") && *base)
		return base;
	if (!L->nofs && realpath(dir, buf))
		return arena_strdup(L->a, last_name(buf));
	return base;
}

/* The common tail of compose_load and compose_load_buffer. */
static int finish(struct ld *L, const char *const *files, size_t nfiles, const char *projdir,
		  const char *const *profiles, size_t nprofiles, struct c_project *out)
{
	const char *name;

	out->dir = projdir;
	out->root = load_project(L, files, NULL, nfiles, projdir, &out->env, 0);
	out->nfiles = 0;
	out->files = arena_alloc(L->a, (L->nfiles + 1) * sizeof(*out->files));
	out->texts = arena_alloc(L->a, (L->nfiles + 1) * sizeof(*out->texts));
	out->lens = arena_alloc(L->a, (L->nfiles + 1) * sizeof(*out->lens));
	for (size_t i = 0; i < L->nfiles; i++)
		if (!L->files[i]->failed) {
			out->texts[out->nfiles] = L->files[i]->buf;
			out->lens[out->nfiles] = L->files[i]->len;
			out->files[out->nfiles++] = L->files[i]->path;
		}
	if (!out->root || !out->root->npairs) {
		if (!L->errors)
			ld_error_at(L, nfiles ? files[0] : NULL, 0, "empty compose file");
		out->root = NULL;
		return -1;
	}
	/* COMPOSE_PROJECT_NAME, else name:, else the folder's name. */
	if ((name = env_value(&out->env, "COMPOSE_PROJECT_NAME"))) {
		const struct env_var *v = env_get(&out->env, "COMPOSE_PROJECT_NAME", 20);

		out->name = normalize_name(L->a, name);
		/* Compose refuses a name it was given that is not already normal. */
		if (strcmp(out->name, name))
			ld_error_at(L, v->file, v->line, "invalid project name \"%s\" in "
				    "COMPOSE_PROJECT_NAME: use lowercase letters, digits, - and _, "
				    "starting with a letter or a digit", name);
	}
	else if ((name = str_of(get(out->root, "name"))) && *name)
		out->name = normalize_name(L->a, name);
	else
		out->name = normalize_name(L->a, dir_name_of(L, projdir));
	build_model(L, out, profiles, nprofiles);
	return 0;
}

static void ld_free(struct ld *L)
{
	smap_free(&L->unset_seen);
	smap_free(&L->ext_failed);
	smap_free(&L->said);
}

static void ld_init(struct ld *L, struct arena *a, struct report *r)
{
	/* Not path's segments: 8 KiB, and merge() sets each before use. */
	memset(L, 0, offsetof(struct ld, path));
	L->path.n = 0;
	L->a = a;
	L->r = r;
	L->budget = CLONE_BUDGET;
}

static int load(struct ld *L, const struct compose_opts *o, struct c_project *out);

int compose_load(struct arena *a, const struct compose_opts *o, struct c_project *out,
		 struct report *r)
{
	struct ld L;
	int rc;

	ld_init(&L, a, r);
	rc = load(&L, o, out);
	ld_free(&L);
	return rc;
}

static int load(struct ld *L, const struct compose_opts *o, struct c_project *out)
{
	struct arena *a = L->a;
	struct env proc = { 0 };
	const char **files, **envf, **profiles;
	const char *dir0, *projdir, *v;
	size_t nfiles, nenvf, nprofiles;

	memset(out, 0, sizeof(*out));
	/* The folder .env is read from and COMPOSE_FILE is relative to. */
	if (o->project_dir)
		dir0 = path_clean(a, o->project_dir);
	else if (o->nfiles)
		dir0 = path_dir(a, path_clean(a, o->files[0]));
	else
		dir0 = path_clean(a, o->dir ? o->dir : ".");
	env_from_process(a, &proc);
	if (o->nenv_files) {
		envf = arena_alloc(a, o->nenv_files * sizeof(*envf));
		for (size_t i = 0; i < o->nenv_files; i++)
			envf[i] = path_clean(a, o->env_files[i]);
		nenvf = o->nenv_files;
	} else if (is_regular_file(path_join(a, dir0, ".env"))) {
		envf = arena_alloc(a, sizeof(*envf));
		envf[0] = path_join(a, dir0, ".env");
		nenvf = 1;
	} else {
		envf = NULL;
		nenvf = 0;
	}
	if (env_with_files(L, &proc, envf, NULL, nenvf, &out->env) < 0)
		return -1;
	/* -f, else COMPOSE_FILE, else the files docker compose finds. */
	if (o->nfiles) {
		files = arena_alloc(a, o->nfiles * sizeof(*files));
		for (size_t i = 0; i < o->nfiles; i++)
			files[i] = path_clean(a, o->files[i]);
		nfiles = o->nfiles;
	} else if ((v = env_value(&out->env, "COMPOSE_FILE"))) {
		const char *sep = env_value(&out->env, "COMPOSE_PATH_SEPARATOR");

		split_list(a, v, sep ? sep[0] : ':', &files, &nfiles);
		for (size_t i = 0; i < nfiles; i++)
			files[i] = path_join(a, dir0, files[i]);
	} else {
		struct compose_discovery disc;
		const char *where = o->dir ? path_clean(a, o->dir) : dir0;

		compose_discover(a, where, &disc, L->r);
		if (!disc.base) {
			ld_error_at(L, where, 0, "no compose file found (compose.yaml, compose.yml, "
				    "docker-compose.yml or docker-compose.yaml)");
			return -1;
		}
		files = arena_alloc(a, 2 * sizeof(*files));
		files[0] = disc.base;
		nfiles = 1;
		if (disc.override)
			files[nfiles++] = disc.override;
	}
	if (!nfiles) {
		ld_error_at(L, NULL, 0, "no compose file given");
		return -1;
	}
	projdir = display_dir(a, o->project_dir ? path_clean(a, o->project_dir)
						: path_dir(a, files[0]));
	/* --profile, else COMPOSE_PROFILES. */
	if (o->nprofiles) {
		profiles = (const char **)o->profiles;
		nprofiles = o->nprofiles;
	} else {
		split_list(a, env_value(&out->env, "COMPOSE_PROFILES"), ',', &profiles, &nprofiles);
	}
	return finish(L, files, nfiles, projdir, profiles, nprofiles, out);
}

int compose_load_buffer(struct arena *a, const char *name, const char *buf, size_t len,
			const struct env *env, struct c_project *out, struct report *r)
{
	struct ld L;
	const char *files[1];
	int rc;

	ld_init(&L, a, r);
	memset(out, 0, sizeof(*out));
	L.nofs = true;
	L.mem_name = path_clean(a, name);
	L.mem_buf = buf;
	L.mem_len = len;
	if (env)
		for (size_t i = 0; i < env->n; i++)
			env_set(a, &out->env, env->v[i].name, env->v[i].value, env->v[i].file,
				env->v[i].line);
	files[0] = L.mem_name;
	rc = finish(&L, files, 1, ".", NULL, 0, out);
	ld_free(&L);
	return rc;
}
