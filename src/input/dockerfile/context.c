/* A build context's secret files, walked once per context for the run. */
#include "input/dockerfile/context.h"

#include <dirent.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "input/discover/discover.h"
#include "input/discover/dockerignore.h"
#include "input/discover/gitignore.h"
#include "input/discover/purpose.h"
#include "lexicon/lexicon.h"
#include "spec/secret.h"
#include "util/readfile.h"
#include "util/str.h"

#define CTX_MAX_DEPTH 16
#define CTX_MAX_ENTRIES 20000
#define CTX_HEAD (64 * 1024)

struct walk {
	struct arena a;
	const char *root;
	const struct dockerignore *di;
	size_t bytes, seen;
	struct found {
		const char *rel, *what;
		int depth;
	} *v;
	size_t n, cap;
	bool limited;
};

/* The walks of the run, by context folder and ignore file; each malloc'd
 * once (answers keep their address) and kept, so reachable to the end. */
static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static struct walked {
	char *key;
	struct ctx_secrets s;
	bool unknown;	/* the ignore file could not be followed */
} **walked;
static size_t nwalked, capwalked;

/* A folder whose keys are there to be tested or shown, not shipped: a
 * fixture under tests/ is a dummy made for it. Third-party code
 * (node_modules, vendor) is its authors' and full of such fixtures. */
static bool dummy_folder(const char *name)
{
	enum purpose p = purpose_of_word(name, strlen(name));
	static const char *const names[] = { "testdata", "fixtures", "fixture", "__tests__",
					     "examples", "example", "samples", "docs", "doc",
					     "node_modules", "vendor", ".git", NULL };

	if (p == PURPOSE_TEST || p == PURPOSE_EXAMPLE)
		return true;
	for (size_t i = 0; names[i]; i++)
		if (!strcmp(name, names[i]))
			return true;
	return false;
}

/* A .env that sets a secret variable to a value that is one: a file of
 * defaults (PORT=8080, PASSWORD=changeme, TOKEN=) gives nothing away. */
static bool env_has_secret(struct arena *a, const char *buf, size_t len)
{
	for (const char *p = buf, *end = buf + len; p < end;) {
		const char *nl = memchr(p, '\n', (size_t)(end - p)), *e = nl ? nl : end;
		const char *eq = memchr(p, '=', (size_t)(e - p));

		while (p < e && (*p == ' ' || *p == '\t'))
			p++;
		if (e - p > 7 && !memcmp(p, "export ", 7))
			p += 7;
		if (eq && eq > p && *p != '#') {
			const char *k = p, *ke = eq, *v = eq + 1, *ve = e;
			char *name, *val;

			while (ke > k && (ke[-1] == ' ' || ke[-1] == '\t'))
				ke--;
			while (ve > v && (ve[-1] == '\r' || ve[-1] == ' ' || ve[-1] == '\t'))
				ve--;
			while (v < ve && (*v == ' ' || *v == '\t'))
				v++;
			if (ve - v >= 2 && (*v == '"' || *v == '\'') && ve[-1] == *v)
				v++, ve--;
			name = arena_strndup(a, k, (size_t)(ke - k));
			val = arena_strndup(a, v, (size_t)(ve - v));
			if (*val && !strchr(val, '$') && var_name_is_secret(name) &&
			    !text_is_placeholder(val) && !text_is_path(val) && !text_is_switch(val))
				return true;
		}
		p = nl ? nl + 1 : end;
	}
	return false;
}

/* A .env named for development, tests or CI (.env.dev.docker, .env.tests):
 * a checkout's defaults for those, like a fixture's key. */
static bool env_not_production(const char *base)
{
	for (const char *p = base + 4; *p;) {
		size_t n = strcspn(p + 1, ".-_");

		if (n && purpose_of_word(p + 1, n) != PURPOSE_PRODUCTION)
			return true;
		p += 1 + n;
	}
	return false;
}

static void judge(struct walk *w, const char *path, const char *rel, int depth)
{
	const char *buf, *what, *why;
	size_t len;

	if (!lex_secret_file(rel, NULL, 0) && !lex_secret_file_maybe(rel))
		return;
	/* A file the repository commits is public with it, and mostly a
	 * template or a dummy (snipe-it's .env.docker); one git ignores is a
	 * secret of this checkout that a build from it would ship. */
	if (!git_ignored(&w->a, path))
		return;
	if (!(buf = read_file_head(&w->a, path, CTX_HEAD, &len, &why)) ||
	    !(what = lex_secret_file(rel, buf, len)))
		return;
	if (!strcmp(what, lex_secret_file(".env", NULL, 0)) &&
	    (env_not_production(str_last_part(rel)) || !env_has_secret(&w->a, buf, len)))
		return;
	*ARENA_PUSH(&w->a, w->v, w->n, w->cap) = (struct found){ rel, what, depth };
}

/* rel ("" for the root) and what is below it; parent holds the ignore
 * file's results for rel (NULL at the root), as BuildKit's walk keeps. */
static void walk_dir(struct walk *w, const char *rel, const unsigned char *parent, int depth)
{
	const char *dir = *rel ? arena_path_join(&w->a, w->root, rel) : w->root;
	struct dir_entry *ents;
	size_t n = discover_read_dir(&w->a, dir, &ents);

	for (size_t i = 0; n != (size_t)-1 && i < n && !w->limited; i++) {
		const char *name = ents[i].name, *crel, *path;
		unsigned char type, *self = NULL;
		bool out = false;

		if (++w->seen > CTX_MAX_ENTRIES) {
			w->limited = true;
			break;
		}
		path = arena_path_join(&w->a, dir, name);
		type = discover_type(path, ents[i].type);
		if (type != DT_DIR && type != DT_REG)
			continue;	/* a symlink is not followed */
		crel = *rel ? arena_printf(&w->a, "%s/%s", rel, name) : name;
		if (w->di) {
			self = arena_alloc(&w->a, w->bytes);
			out = dockerignore_match(w->di, crel, parent, self);
		}
		if (type == DT_REG) {
			if (!out)
				judge(w, path, crel, depth);
		} else if (depth < CTX_MAX_DEPTH && !dummy_folder(name) &&
			   (!out || dockerignore_enters(w->di, crel))) {
			walk_dir(w, crel, self, depth + 1);
		}
	}
}

static int cmp_found(const void *x, const void *y)
{
	const struct found *a = x, *b = y;

	return a->depth != b->depth ? (a->depth > b->depth) - (a->depth < b->depth) :
				      strcmp(a->rel, b->rel);
}

/* The walk itself, into e (malloc'd). */
static void walk_context(struct walked *e, const char *root, const char *ignore_path,
			 const char *ignore_text, size_t ignore_len)
{
	struct walk w = { .a = ARENA_INIT, .root = root };
	struct ctx_secret *v;
	const char *why;
	size_t line;

	if (ignore_text &&
	    !(w.di = dockerignore_parse(&w.a, ignore_text, ignore_len, &why, &line))) {
		e->unknown = true;
		goto out;
	}
	if (w.di)
		w.bytes = (dockerignore_npatterns(w.di) + 7) / 8 + 1;
	walk_dir(&w, "", NULL, 0);
	if (w.n)
		qsort(w.v, w.n, sizeof(*w.v), cmp_found);
	v = w.n ? calloc(w.n, sizeof(*v)) : NULL;
	for (size_t i = 0; v && i < w.n; i++)
		v[i] = (struct ctx_secret){ strdup(w.v[i].rel), w.v[i].what };
	for (size_t i = 0; v && i < w.n; i++)
		if (!v[i].rel)
			v[i].rel = "";
	e->s.v = v;
	e->s.n = v ? w.n : 0;
	e->s.limited = w.limited;
	e->s.ignore = ignore_path ? strdup(str_last_part(ignore_path)) : NULL;
out:
	arena_release(&w.a);
}

const struct ctx_secrets *m_context_secrets(const struct m_dockerfile *m)
{
	struct arena a = ARENA_INIT;
	const char *ignore = NULL, *text = NULL, *why, *key;
	const struct ctx_secrets *r = NULL;
	struct walked *e = NULL;
	size_t len = 0;

	if (!m->dir || !read_dir_inside(m->dir))
		return NULL;
	/* BuildKit: the Dockerfile's own ignore file first. */
	if (m->path && strcmp(m->path, "-")) {
		ignore = arena_printf(&a, "%s.dockerignore", m->path);
		text = read_file(&a, ignore, &len, &why);
	}
	if (!text) {
		ignore = arena_path_join(&a, m->dir, ".dockerignore");
		text = read_file(&a, ignore, &len, &why);
	}
	key = arena_printf(&a, "%s%c%s", m->dir, '\n', text ? ignore : "");
	pthread_mutex_lock(&lock);
	for (size_t i = 0; i < nwalked && !e; i++)
		if (!strcmp(walked[i]->key, key))
			e = walked[i];
	if (!e && nwalked == capwalked) {
		size_t cap = capwalked ? 2 * capwalked : 8;
		struct walked **nw = realloc(walked, cap * sizeof(*nw));

		if (nw) {
			walked = nw;
			capwalked = cap;
		}
	}
	if (!e && nwalked < capwalked && (e = calloc(1, sizeof(*e)))) {
		if ((e->key = strdup(key))) {
			walked[nwalked++] = e;
			walk_context(e, m->dir, text ? ignore : NULL, text, len);
		} else {
			free(e);
			e = NULL;
		}
	}
	if (e && !e->unknown)
		r = &e->s;
	pthread_mutex_unlock(&lock);
	arena_release(&a);
	return r;
}
