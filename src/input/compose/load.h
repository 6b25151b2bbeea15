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
 *
 * This is the loader's internal interface, shared by the files of this
 * folder, one per concern: common.c (tree helpers, errors, paths), files.c
 * (reading one file), merge.c (merging and unicity), short.c (short
 * syntax), extends.c, include.c, model.c (the typed model and profiles),
 * discover.c (default file names) and load.c (the entry points). Nothing
 * outside src/input/compose/ includes it.
 */
#ifndef SW_COMPOSE_LOAD_H
#define SW_COMPOSE_LOAD_H

#include <stdbool.h>
#include <stddef.h>
#include <string.h>

#include "catalog/catalog.h"
#include "input/compose/interp.h"
#include "input/compose/project.h"
#include "input/discover/discover.h"
#include "util/path.h"
#include "util/smap.h"
#include "util/str.h"

#define MAX_DEPTH	(Y_MAX_DEPTH + 8) /* yaml.c never gives deeper trees */
#define MAX_FILES	256		/* files per project, with includes and extends */
#define MAX_EXTENDS	256		/* extends chain length (compose-go has none) */
#define MAX_INCLUDES	32		/* include nesting */
/* YAML documents in one file: each merges over the ones before, copying
 * the maps it changes, so the work is this many times the file's size. */
#define MAX_DOCUMENTS	64
#define CLONE_BUDGET	4000000u	/* nodes extends may copy per project */
#define MAX_PORT_RANGE	1024		/* ports a short-syntax range is expanded to */
#define NNAMES 4

extern const char *const base_names[], *const override_names[];
extern const char null_tag[];

/* Growable pair and item vectors, turned into exact arena arrays. */
struct pairvec {
	struct y_pair *v;
	size_t n, cap;
};

struct itemvec {
	struct y_node **v;
	size_t n, cap;
};

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
	bool interpolated;
	const struct env *env;	/* the variables it was interpolated with */
};

/* An unset variable of one file: said once, at its first use, with the
 * other lines it is used on (files.c). */
struct unset_var {
	const char *file, *name;
	unsigned line, col;
	unsigned *lines;	/* the later lines, each once */
	size_t nlines, caplines;
};

struct ld {
	struct arena *a;
	struct report *r;
	unsigned errors;
	bool nofs;		/* an in-memory load: no includes or extends files */
	bool checkout;		/* compose_opts.checkout */
	const char *mem_name;	/* ... its one file */
	const char *mem_buf;
	size_t mem_len;
	/* compose_opts.preread */
	const char *(*preread)(void *ctx, const char *path, size_t *len, struct stat *st);
	void *preread_ctx;
	size_t budget;		/* nodes extends may still copy */
	bool budget_blown, too_deep;
	struct ld_file **files;
	size_t nfiles, capfiles;
	const char **chain;	/* include nesting: file ids */
	size_t nchain, capchain;
	struct smap unset_seen;	/* "file:line:col:name" of reported unset variables */
	struct unset_var *unset;	/* in order of first use */
	size_t nunset, capunset;
	struct smap unset_idx;	/* "file\nname": index + 1 in unset */
	/* Folders whose .env.example-style files were read: index + 1 in
	 * documented, the names they list (one table per folder). */
	struct smap doc_dirs;
	struct smap *documented;
	size_t ndocumented, capdocumented;
	const char *projdir;	/* display path of the project folder */
	/* A checkout: "%p" of the scalars a variable with no value left
	 * empty, whose errors are notes (the deployment sets it). */
	struct smap emptied;
	struct smap ext_failed;	/* services whose extends failed (reported) */
	struct smap said;	/* errors reported, to say each once */
	const char *ext_chain[MAX_EXTENDS + 2]; /* services being extended */
	int next_chain;
	struct path path;	/* for ld_merge(), which never runs nested */
};

enum special {
	SP_NONE, SP_OVERRIDE, SP_TOSEQ, SP_HOSTS, SP_DEPENDS, SP_TOMAP, SP_BUILD, SP_LOGGING,
	SP_IPAM,
};

enum indexer { IX_KV, IX_EXPOSE, IX_PORT, IX_VOLUME, IX_DEVICE, IX_SECRET, IX_CONFIG,
	       IX_ENVFILE };

struct port_spec {
	const char *ip;		/* NULL when not given */
	const char *published;	/* NULL when not published */
	const char *target;
	const char *protocol;
};

struct vol_spec {
	const char *source;	/* NULL for an anonymous volume */
	const char *target;
	bool read_only;
	/* "shared", "rslave", ... when an option names one; NULL otherwise */
	const char *propagation;
	bool bind;		/* the source is a path */
};

struct interp_ctx {
	struct ld *L;
	unsigned errors;
};

struct mctx {
	struct ld *L;
	const char *svc;	/* service name, for messages */
};

/* --- tree helpers ---------------------------------------------------------- */

static inline bool streq(const char *a, const char *b)
{
	return a && b && str_eq(a, b);
}

static inline bool starts_with(const char *s, const char *prefix)
{
	return !strncmp(s, prefix, strlen(prefix));
}

static inline bool is_null(const struct y_node *n)
{
	return !n || y_is_null(n);
}

static inline bool is_tag(const struct y_node *n, const char *tag)
{
	return n && n->tag && !strcmp(n->tag, tag);
}

/* A scalar's text, or NULL for a null, a mapping or a sequence. */
static inline const char *str_of(const struct y_node *n)
{
	return n && n->kind == Y_SCALAR && !is_null(n) ? n->str : NULL;
}

static inline struct y_pair *pair_of(const struct y_node *map, const char *key)
{
	if (!map || map->kind != Y_MAP)
		return NULL;
	for (size_t i = 0; i < map->npairs; i++)
		if (streq(map->pairs[i].key->str, key))
			return &map->pairs[i];
	return NULL;
}

static inline struct y_node *get(const struct y_node *map, const char *key)
{
	struct y_pair *p = pair_of(map, key);

	return p ? p->value : NULL;
}

static inline void pv_add(struct arena *a, struct pairvec *pv, struct y_node *k, struct y_node *v)
{
	struct y_pair *p = ARENA_PUSH(a, pv->v, pv->n, pv->cap);

	p->key = k;
	p->value = v;
}

static inline void iv_add(struct arena *a, struct itemvec *iv, struct y_node *n)
{
	*ARENA_PUSH(a, iv->v, iv->n, iv->cap) = n;
}

static inline bool one_of(const char *s, const char *const *list)
{
	for (; *list; list++)
		if (streq(s, *list))
			return true;
	return false;
}

static inline bool is_abs(const char *p)
{
	return p[0] == '/';
}

static inline struct y_node *new_node(struct arena *a, enum y_kind kind, struct y_pos pos,
				      struct y_pos via)
{
	struct y_node *n = arena_alloc(a, sizeof(*n));

	n->kind = kind;
	n->pos = pos;
	n->via = via;
	return n;
}

static inline struct y_node *new_scalar(struct arena *a, const char *s, const struct y_node *at)
{
	struct y_node *n = y_scalar(a, s, at->pos);

	n->via = at->via;
	return n;
}

/* --- across the loader's files --------------------------------------------- */

/* common.c */
void ld_error(struct ld *L, const struct y_node *at, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
void ld_error_at(struct ld *L, const char *file, unsigned line, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));
void ld_error_pos(struct ld *L, struct y_pos pos, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
/* Says once that the tree is nested deeper than MAX_DEPTH. */
void ld_too_deep(struct ld *L, const struct y_node *at);
/* "services.web.ports", for messages. In the arena. */
const char *ld_path_str(struct arena *a, const struct path *p);
/* A path written at node n, resolved against its file's base directory. */
const char *ld_resolve_at(const struct ld *L, const struct y_node *n, const char *p);
bool ld_is_regular_file(const char *p);
/* Build contexts Compose leaves alone: URLs and git references. */
bool ld_is_remote(const char *s);

/* files.c: the file at path (with dir as its base directory), read and
 * interpolated once per project; from is the node that named it. */
const char *ld_file_id(struct ld *L, const char *path);
struct ld_file *ld_read_file(struct ld *L, const char *path, const char *dir,
			     const struct y_node *from);
const char *ld_name_of_files(struct ld *L, const char *const *paths, size_t n, const char *dir,
			     const struct env *env);
struct ld_file *ld_load_file(struct ld *L, const char *path, const char *dir,
			     const struct env *env, const struct y_node *from);
/* One SW0051 per unset variable and file, at its first use, unless an
 * example env file (.env.example...) beside the file or in the project
 * folder lists it. */
void ld_report_unset(struct ld *L);

/* merge.c */
struct y_node *ld_merge(struct ld *L, struct y_node *base, struct y_node *over,
			struct path *p, bool keep_tags);
/* n without its !reset and !override tags (a copy when it had some). */
struct y_node *ld_strip(struct ld *L, struct y_node *n);
void ld_unicity(struct ld *L, struct y_node *root);

/* short.c: NULL, or what is wrong with the string. */
const char *short_parse_port(struct arena *a, const char *raw, struct port_spec *ps);
const char *short_parse_volume(struct arena *a, const char *spec, struct vol_spec *vs);
bool short_port_range(const char *s, size_t n);

/* extends.c and include.c */
void ld_apply_extends(struct ld *L, struct ld_file *f, const struct env *env);
void ld_apply_include(struct ld *L, struct ld_file *f, const struct env *env, int depth);
int ld_env_with_files(struct ld *L, const struct env *env, const char *const *files,
		      const struct y_node *const *at, size_t n, struct env *out);

/* schema.c: the tree checked against the Compose schema, in one walk. */
void ld_validate(struct ld *L, const struct y_node *root);
/* Go's time.ParseDuration and go-units' RAMInBytes accept s. */
bool ld_go_duration(const char *s);
bool ld_go_bytes(const char *s);

/* consistency.c: compose-go's checkConsistency and resource checks. */
void ld_check_consistency(struct ld *L, const struct c_project *p);

/* model.c */
void ld_build_model(struct ld *L, struct c_project *out, const char *const *profiles,
		    size_t nprofiles);
const char *ld_normalize_name(struct arena *a, const char *s);

/* load.c: loads and merges files in order, a project or an included one. */
struct y_node *ld_load_project(struct ld *L, const char *const *paths,
			       const struct y_node *const *from, size_t n, const char *dir,
			       const struct env *env, int depth);

#endif
