#include "input/scripts/evidence.h"

#include <ctype.h>
#include <dirent.h>
#include <jansson.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

#include "input/discover/discover.h"
#include "input/scripts/scripts.h"
#include "input/shell/shell.h"
#include "util/path.h"
#include "util/readfile.h"
#include "util/str.h"
#include "util/strbuf.h"
#include "yaml/yaml.h"

#define MAX_DEPTH 24		/* folders below the root that are walked */
#define MAX_VARS 16		/* folder variables a session tracks */
#define MAX_EVAL 4		/* nested $(...) worked out for a folder */
#define MAX_YAML_DEPTH 64	/* YAML nesting searched for COMPOSE_FILE */
#define MAX_WORK 1000000	/* words rewritten for matrix values, per file */
#define MAX_PATH 4096		/* longer folders a script cd's to are not followed */
#define MAX_PROBES 1000000	/* tree lookups to probe folders with, per collect */
#define MAX_MX_KEYS 64		/* keys of a matrix, or of one include entry */

struct ev_word {
	const char *s;
	bool known;
};

/* A GitHub Actions matrix as rows of key=value (a NULL value is unknown). */
struct mx_cell {
	const char *key, *val;
};

struct mx_row {
	struct mx_cell *c;
	size_t n, cap;
};

struct matrix {
	struct mx_row *rows;
	size_t nrows, cap;
	bool unknown;	/* not a plain matrix: every matrix.X is unknown */
};

/* The COMPOSE_* variables in force. */
struct compose_env {
	struct ev_word file, sep, name, profiles;
	unsigned line;	/* of COMPOSE_FILE (else the first of them) */
};

/* What a GitHub Actions step gives the commands of its run: text. */
struct gha_scope {
	unsigned line;		/* where the step starts */
	const struct matrix *mx;
	struct ev_word wd;	/* working-directory; s NULL: the workspace */
	struct compose_env env;	/* the step's, over the job's, over the workflow's */
	/* actions/checkout's path: the repository is there in the workspace
	 * (NULL: it is the workspace). */
	const char *ws;
};

struct file_ctx {
	struct arena *a;
	struct evidence *out;
	const struct dir_node *root;	/* NULL: nothing to probe */
	const char *rootpath;	/* cleaned */
	const char *path;	/* walk form */
	const char *display;
	const char *dir;	/* walk form */
	enum ev_source source;
	bool gha;
	struct gha_scope *scopes;	/* in line order */
	size_t nscopes, capscopes;
	size_t expanded, work;
	size_t *probes;		/* tree lookups so far, for the whole collect */
};

/* Where a session is: its folder, or when that is not known, where its cd
 * commands went from there (probed later). */
struct dirstate {
	const char *cwd;	/* walk form; NULL when not known */
	const char *rel;	/* cwd not known: the relative cd's since (NULL: none) */
	bool lost;		/* a cd to an unknown place: nothing to probe */
};

struct session {
	struct dirstate d;
	struct dirstate stack[8];	/* pushd */
	size_t depth;
	struct {
		const char *name, *path;
	} vars[MAX_VARS];
	size_t nvars;
	struct compose_env env;		/* exported: what compose sees */
	struct compose_env local;	/* assigned, not exported (yet) */
	bool allexport;			/* set -a */
	const struct gha_scope *scope;
};

/* --- small helpers ---------------------------------------------------- */

static bool has_expansion(const char *s)
{
	return strchr(s, '$') || strchr(s, '`');
}

/* A <placeholder> or {placeholder} of documentation (not a {a,b} brace
 * list). One pass: a word may be long. */
static bool placeholder(const char *s)
{
	bool lt = false, lb = false, comma = false;

	for (; *s; s++) {
		if (*s == '<')
			lt = true;
		else if (*s == '>' && lt)
			return true;
		else if (*s == '{')
			lb = true, comma = false;
		else if (*s == ',')
			comma = true;
		else if (*s == '}' && lb && !comma)
			return true;
	}
	return false;
}

static bool text_known(const struct file_ctx *f, const char *s)
{
	return !has_expansion(s) && !(f->source == EV_MARKDOWN && placeholder(s));
}

static bool is_ident(char c)
{
	return isalnum((unsigned char)c) || c == '_';
}

static const char *trim(struct arena *a, const char *s, size_t n)
{
	while (n && (*s == ' ' || *s == '\t' || *s == '\r' || *s == '\n')) {
		s++;
		n--;
	}
	while (n && (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '\r' || s[n - 1] == '\n'))
		n--;
	return arena_strndup(a, s, n);
}

/* "docker-compose" of "/usr/local/bin/docker-compose". */
static const char *cmd_base(const char *s)
{
	const char *slash = strrchr(s, '/');

	return slash ? slash + 1 : s;
}

/* The name of a variable that is the whole word ($X, ${X}, $(X) of Make),
 * else NULL. */
static const char *var_word(struct arena *a, const char *s)
{
	size_t n;
	char close = 0;

	if (s[0] != '$')
		return NULL;
	s++;
	if (*s == '{')
		close = '}';
	else if (*s == '(')
		close = ')';
	if (close)
		s++;
	for (n = 0; is_ident(s[n]); n++)
		;
	if (!n || (close ? s[n] != close || s[n + 1] : s[n] != '\0'))
		return NULL;
	return arena_strndup(a, s, n);
}

static bool ci_contains(const char *hay, const char *needle)
{
	size_t n = strlen(needle);

	for (; *hay; hay++)
		if (!strncasecmp(hay, needle, n))
			return true;
	return false;
}

/* A remote build context: a URL, a Git repository, or "-" (stdin). */
static bool remote_context(const char *s)
{
	return str_eq(s, "-") || strstr(s, "://") || !strncmp(s, "git@", 4) ||
	       !strncmp(s, "github.com/", 11) || strstr(s, ".git#") ||
	       (strlen(s) > 4 && str_eq(s + strlen(s) - 4, ".git"));
}

/* --- the tree: does a path exist in it? -------------------------------- */

static int cmp_name(const void *key, const void *ent)
{
	return strcmp(key, ((const struct dir_entry *)ent)->name);
}

/* dir "/" rel, cleaned (".", "..", "//") into buf; false when too long. */
static bool join_clean(char *buf, size_t size, const char *dir, const char *rel)
{
	size_t o = 0, keep = 0;	/* buf[0..keep) is a leading "/" or "../" run */
	const char *parts[2] = { dir, rel };

	if (rel[0] == '/')
		parts[0] = "";
	if (parts[0][0] == '/' || (!parts[0][0] && rel[0] == '/'))
		buf[o++] = '/', keep = 1;
	for (int k = 0; k < 2; k++)
		for (const char *p = parts[k]; *p;) {
			size_t n;

			while (*p == '/')
				p++;
			for (n = 0; p[n] && p[n] != '/'; n++)
				;
			if (!n || (n == 1 && p[0] == '.')) {
				/* nothing */
			} else if (n == 2 && p[0] == '.' && p[1] == '.' && o > keep) {
				while (o > keep && buf[o - 1] != '/')
					o--;
				if (o > keep)
					o--;
			} else {
				if (o + n + 2 >= size)
					return false;
				if (o && buf[o - 1] != '/')
					buf[o++] = '/';
				memcpy(buf + o, p, n);
				o += n;
				if (n == 2 && p[0] == '.' && p[1] == '.')
					keep = o;
			}
			p += n;
		}
	if (!o)
		buf[o++] = '.';
	buf[o] = '\0';
	return true;
}

static bool tree_has(struct file_ctx *f, const char *dir, const char *relpath)
{
	const struct dir_node *node = f->root;
	const char *rel;
	size_t rl = strlen(f->rootpath);
	char name[256], path[MAX_PATH];

	if (!node || !join_clean(path, sizeof(path), dir, relpath))
		return false;
	if (++*f->probes > MAX_PROBES) {
		f->out->limited = true;
		return false;
	}
	if (str_eq(f->rootpath, ".")) {
		if (path[0] == '/' || !strncmp(path, "..", 2))
			return false;
		rel = path;
	} else if (!strncmp(path, f->rootpath, rl) && path[rl] == '/') {
		rel = path + rl + 1;
	} else {
		return str_eq(path, f->rootpath);
	}
	if (str_eq(rel, "."))
		return true;
	for (int depth = 0; node && depth <= MAX_DEPTH; depth++) {
		const char *slash = strchr(rel, '/');
		size_t n = slash ? (size_t)(slash - rel) : strlen(rel);
		const struct dir_entry *e;

		if (!n || n >= sizeof(name))
			return false;
		memcpy(name, rel, n);
		name[n] = '\0';
		e = bsearch(name, node->ents, node->n, sizeof(*node->ents), cmp_name);
		if (!e)
			return false;
		if (!slash || !slash[1])
			return true;
		node = node->sub[e - node->ents];
		rel = slash + 1;
	}
	return false;
}

/* --- folders a script works out for itself ----------------------------- */

static const char *anchor(struct file_ctx *f, const struct session *ss, const char *text,
			  const char **rest, int depth);

/* A word that names the script itself: $0, ${BASH_SOURCE[0]}... */
static bool self_word(const struct file_ctx *f, const char *s)
{
	return f->source == EV_SHELL &&
	       (str_eq(s, "$0") || str_eq(s, "${0}") || str_eq(s, "$BASH_SOURCE") ||
		str_eq(s, "${BASH_SOURCE}") || str_eq(s, "${BASH_SOURCE[0]}"));
}

/* The path a word names, when it can be worked out. */
static const char *eval_path(struct file_ctx *f, const struct session *ss, const char *s, int depth)
{
	const char *rest, *dir;

	if (self_word(f, s))
		return f->path;
	if ((dir = anchor(f, ss, s, &rest, depth)))
		return *rest ? path_join(f->a, dir, rest) : dir;
	if (!has_expansion(s) && ss->d.cwd && *s)
		return path_join(f->a, ss->d.cwd, s);
	return NULL;
}

/* The first argument of c that is not an option. */
static const char *first_arg(const struct sh_cmd *c)
{
	for (size_t i = 1; i < c->argc; i++)
		if (c->argv[i].text[0] != '-' || !c->argv[i].text[1])
			return c->argv[i].text;
	return NULL;
}

/* The folder a command substitution prints: dirname, realpath, readlink -f,
 * cd X && pwd, pwd, git rev-parse --show-toplevel. */
static const char *eval_cmd(struct file_ctx *f, const struct session *ss, const char *src,
			    size_t len, int depth)
{
	struct sh_script sh;
	const struct sh_cmd *top[3];
	size_t ntop = 0;
	const char *name, *arg, *p;

	if (depth > MAX_EVAL)
		return NULL;
	sh_parse(f->a, src, len, &sh);
	for (size_t i = 0; i < sh.ncmds; i++)
		if (sh.cmds[i].depth == 0) {
			if (ntop == 3)
				return NULL;
			top[ntop++] = &sh.cmds[i];
		}
	if (ntop == 2 && str_eq(sh_cmd_name(top[0]), "cd") && str_eq(sh_cmd_name(top[1]), "pwd") &&
	    (top[0]->sep == SH_SEP_AND || top[0]->sep == SH_SEP_SEMI))
		return (arg = first_arg(top[0])) ? eval_path(f, ss, arg, depth + 1) : NULL;
	if (ntop != 1)
		return NULL;
	name = sh_cmd_name(top[0]);
	if (str_eq(name, "pwd"))
		return ss->d.cwd;
	if (str_eq(name, "git") && sh_cmd_has_opt(top[0], "--show-toplevel"))
		return f->rootpath;
	if (!top[0]->argc)
		return NULL;
	arg = top[0]->argv[top[0]->argc - 1].text;
	if (top[0]->argc < 2 || arg[0] == '-')
		return NULL;
	if (str_eq(name, "dirname"))
		return (p = eval_path(f, ss, arg, depth + 1)) ? path_dir(f->a, p) : NULL;
	if (str_eq(name, "realpath") || str_eq(name, "readlink"))
		return eval_path(f, ss, arg, depth + 1);
	return NULL;
}

/* The end of the $( ... ) that starts at s (s[0] == '$', s[1] == '('):
 * the index of its ')', or 0. */
static size_t subst_end(const char *s)
{
	int level = 0;
	char q = 0;

	for (size_t i = 1; s[i]; i++) {
		if (q) {
			if (s[i] == q)
				q = 0;
			continue;
		}
		if (s[i] == '\'')
			q = '\'';
		else if (s[i] == '(')
			level++;
		else if (s[i] == ')' && --level == 0)
			return i;
	}
	return 0;
}

/* Matches "${{ KEY }}" at s: the length, or 0. */
static size_t gha_expr_is(const char *s, const char *key)
{
	const char *p = s;
	size_t kl = strlen(key);

	if (strncmp(p, "${{", 3))
		return 0;
	for (p += 3; *p == ' '; p++)
		;
	if (strncmp(p, key, kl))
		return 0;
	for (p += kl; *p == ' '; p++)
		;
	return strncmp(p, "}}", 2) ? 0 : (size_t)(p + 2 - s);
}

/* When text starts with a folder the file knows (the script's own, one a
 * variable holds, $PWD, the CI workspace, what a $(...) prints), that folder,
 * with *rest the text after it (leading '/' dropped); else NULL. */
static const char *anchor(struct file_ctx *f, const struct session *ss, const char *text,
			  const char **rest, int depth)
{
	const char *dir = NULL, *r = NULL, *name;
	size_t n;

	if (depth > MAX_EVAL || (text[0] != '$' && text[0] != '`'))
		return NULL;
	if ((n = gha_expr_is(text, "github.workspace")) && f->source == EV_CI) {
		dir = f->rootpath;
		r = text + n;
	} else if (text[0] == '$' && text[1] == '(' && text[2] != '(') {
		size_t e = subst_end(text);

		if (!e)
			return NULL;
		dir = eval_cmd(f, ss, text + 2, e - 2, depth + 1);
		r = text + e + 1;
	} else if (text[0] == '`') {
		const char *e = strchr(text + 1, '`');

		if (!e)
			return NULL;
		dir = eval_cmd(f, ss, text + 1, (size_t)(e - text - 1), depth + 1);
		r = e + 1;
	} else if (f->source == EV_SHELL &&
		   (!strncmp(text, "${0%/*}", 7) || !strncmp(text, "${BASH_SOURCE%/*}", 17) ||
		    !strncmp(text, "${BASH_SOURCE[0]%/*}", 20))) {
		dir = f->dir;
		r = strchr(text, '}') + 1;
	} else {
		bool brace = text[1] == '{';
		const char *s = text + 1 + brace;

		for (n = 0; is_ident(s[n]); n++)
			;
		if (!n || (brace && s[n] != '}'))
			return NULL;
		name = arena_strndup(f->a, s, n);
		r = s + n + brace;
		if (f->source == EV_CI &&
		    (str_eq(name, "GITHUB_WORKSPACE") || str_eq(name, "CI_PROJECT_DIR")))
			dir = f->rootpath;
		else if (str_eq(name, "PWD"))
			dir = ss->d.cwd;
		for (size_t i = ss->nvars; !dir && i-- > 0;)
			if (str_eq(ss->vars[i].name, name))
				dir = ss->vars[i].path;
	}
	if (!dir || (*r && *r != '/'))
		return NULL;
	while (*r == '/')
		r++;
	*rest = r;
	return dir;
}

/* --- paths as written, then resolved ----------------------------------- */

/* A path in a command: the text, and the folder it is already resolved
 * against when the text starts with one (anch), else relative to the
 * command's working folder. */
struct pathw {
	const char *s;
	const char *anch;	/* resolved, when anchored */
	bool known;
};

static struct pathw path_word(struct file_ctx *f, const struct session *ss, struct ev_word w)
{
	struct pathw p = { w.s, NULL, w.known };
	const char *rest, *dir = anchor(f, ss, w.s, &rest, 0);

	if (dir) {
		p.known = text_known(f, rest);
		if (p.known)
			p.anch = *rest ? path_join(f->a, dir, rest) : dir;
	}
	return p;
}

static struct ev_str resolve(struct file_ctx *f, const char *base, struct pathw p)
{
	struct ev_str r = { p.s, false };

	if (!p.s)
		return r;
	if (p.anch) {
		r.s = p.anch;
		r.known = true;
	} else if (p.known) {
		r.s = path_join(f->a, base, p.s);
		r.known = true;
	}
	return r;
}

/* The nearest folder, from the file's own up to the root, under which every
 * (any, when any is set) path of rel exists; the root when none (and
 * then FOLDER is the root below). A session
 * that went to cd (a relative path) from a folder not known is in
 * FOLDER/cd, or, as the cd may start with the repository's own folder
 * (cd FreshRSS/Docker), in FOLDER/ the rest of it (Docker), or FOLDER. */
static const char *probe(struct file_ctx *f, const char *cd, const char *const *rel, size_t nrel,
			 bool any, enum ev_base *how)
{
	const char *cand = f->dir;
	const char *fallback = cd ? path_join(f->a, f->rootpath, cd) : f->rootpath;

	*how = EV_BASE_ROOT;
	if (!f->root || !nrel)
		return fallback;
	if (nrel > 16)
		nrel = 16;	/* enough to tell folders apart */
	for (int d = 0; d <= MAX_DEPTH; d++) {
		int tries = 0;

		for (const char *sfx = cd ? cd : "."; sfx && tries++ < 8;) {
			char dir[MAX_PATH];
			const char *slash;
			size_t ok = 0;

			if (!join_clean(dir, sizeof(dir), cand, sfx))
				break;
			for (size_t i = 0; i < nrel; i++)
				ok += tree_has(f, dir, rel[i]);
			if (any ? ok > 0 : ok == nrel) {
				*how = EV_BASE_PROBED;
				return arena_strdup(f->a, dir);
			}
			/* Then without its first folder, and at last without it. */
			slash = strchr(sfx, '/');
			sfx = slash ? slash + 1 : str_eq(sfx, ".") ? NULL : ".";
		}
		if (str_eq(cand, f->rootpath) || str_eq(cand, ".") || str_eq(cand, "/"))
			break;
		cand = path_dir(f->a, cand);
	}
	return fallback;
}

/* Fills at: the line, and the folder relative paths go against: the
 * session's, else probed with rel. */
static void set_where(struct file_ctx *f, const struct session *ss, unsigned line,
		      const char *const *rel, size_t nrel, bool any, struct ev_where *at)
{
	at->file = f->display;
	at->line = line;
	at->source = f->source;
	if (ss && ss->d.cwd) {
		at->base = ss->d.cwd;
		at->base_how = EV_BASE_KNOWN;
	} else if (ss && ss->d.lost) {
		at->base = f->rootpath;
		at->base_how = EV_BASE_ROOT;
	} else {
		at->base = probe(f, ss ? ss->d.rel : NULL, rel, nrel, any, &at->base_how);
	}
}

/* Splits s on sep (outside ${{ }}), trimming, dropping empty items. */
static size_t split(struct arena *a, const char *s, const char *seps, const char ***out)
{
	const char **v = NULL;
	size_t n = 0, cap = 0;
	bool closes = true;	/* a "}}" may still come */

	for (const char *p = s, *b = s;; p++) {
		if (closes && !strncmp(p, "${{", 3)) {
			const char *e = strstr(p, "}}");

			if (e) {
				p = e + 1;
				continue;
			}
			closes = false;
		}
		if (!*p || strchr(seps, *p)) {
			const char *item = trim(a, b, (size_t)(p - b));

			if (*item && item[0] != '#')
				*ARENA_PUSH(a, v, n, cap) = item;
			if (!*p)
				break;
			b = p + 1;
		}
	}
	*out = v;
	return n;
}

/* --- recording --------------------------------------------------------- */

static struct build_use *new_build(struct file_ctx *f)
{
	struct evidence *o = f->out;

	if (o->nbuilds >= EV_MAX_USES) {
		o->limited = true;
		return NULL;
	}
	return ARENA_PUSH(f->a, o->builds, o->nbuilds, o->capbuilds);
}

static struct compose_use *new_compose(struct file_ctx *f)
{
	struct evidence *o = f->out;

	if (o->ncomposes >= EV_MAX_USES) {
		o->limited = true;
		return NULL;
	}
	return ARENA_PUSH(f->a, o->composes, o->ncomposes, o->capcomposes);
}

static struct bake_use *new_bake(struct file_ctx *f)
{
	struct evidence *o = f->out;

	if (o->nbakes >= EV_MAX_USES) {
		o->limited = true;
		return NULL;
	}
	return ARENA_PUSH(f->a, o->bakes, o->nbakes, o->capbakes);
}

static bool eq_str(struct ev_str x, struct ev_str y)
{
	return x.known == y.known && (x.s == y.s || (x.s && y.s && str_eq(x.s, y.s)));
}

static bool eq_strs(const struct ev_str *x, size_t nx, const struct ev_str *y, size_t ny)
{
	if (nx != ny)
		return false;
	for (size_t i = 0; i < nx; i++)
		if (!eq_str(x[i], y[i]))
			return false;
	return true;
}

static bool eq_where(const struct ev_where *x, const struct ev_where *y)
{
	return x->line == y->line && str_eq(x->file, y->file) && str_eq(x->base, y->base);
}

/* Drops the last use when one from since on says the same: matrix rows
 * that differ only where the use does not look. */
static void drop_repeat(struct file_ctx *f, size_t b0, size_t c0, size_t k0)
{
	struct evidence *o = f->out;

	if (o->nbuilds > b0 + 1) {
		const struct build_use *u = &o->builds[o->nbuilds - 1];

		for (size_t i = b0; i < o->nbuilds - 1; i++) {
			const struct build_use *v = &o->builds[i];

			if (eq_where(&u->at, &v->at) && eq_str(u->dockerfile, v->dockerfile) &&
			    eq_str(u->context, v->context) && eq_str(u->target, v->target) &&
			    eq_strs(u->tags, u->ntags, v->tags, v->ntags)) {
				o->nbuilds--;
				break;
			}
		}
	}
	if (o->ncomposes > c0 + 1) {
		const struct compose_use *u = &o->composes[o->ncomposes - 1];

		for (size_t i = c0; i < o->ncomposes - 1; i++) {
			const struct compose_use *v = &o->composes[i];

			if (eq_where(&u->at, &v->at) && eq_strs(u->files, u->nfiles, v->files, v->nfiles) &&
			    eq_str(u->project_dir, v->project_dir) &&
			    eq_str(u->project_name, v->project_name) &&
			    eq_strs(u->profiles, u->nprofiles, v->profiles, v->nprofiles)) {
				o->ncomposes--;
				break;
			}
		}
	}
	if (o->nbakes > k0 + 1) {
		const struct bake_use *u = &o->bakes[o->nbakes - 1];

		for (size_t i = k0; i < o->nbakes - 1; i++) {
			const struct bake_use *v = &o->bakes[i];

			if (eq_where(&u->at, &v->at) && eq_strs(u->files, u->nfiles, v->files, v->nfiles) &&
			    eq_strs(u->targets, u->ntargets, v->targets, v->ntargets)) {
				o->nbakes--;
				break;
			}
		}
	}
}

/* --- command lines ----------------------------------------------------- */

/* Options that take a value, by long name; the short letters that do,
 * with their long names. Any other option takes none, unless
 * unknown_value is set (then only those in flags take none). */
struct opt_spec {
	const char *const *value;
	const char *shorts;	/* "tf" */
	const char *const *short_long;	/* "tag", "file" */
	const char *const *flags;
	bool unknown_value;
};

static bool in_list(const char *s, size_t n, const char *const *list)
{
	for (size_t i = 0; list && list[i]; i++)
		if (strlen(list[i]) == n && !strncmp(s, list[i], n))
			return true;
	return false;
}

struct opt {
	const char *name;	/* long name, NULL for an argument */
	struct ev_word val;	/* the value, or the argument */
	size_t index;		/* of the word */
};

/* The next option or argument of w from *k; false at the end. After "--"
 * everything is an argument. */
static bool next_opt(const struct file_ctx *f, const struct ev_word *w, size_t n, size_t *k,
		     const struct opt_spec *sp, bool *dashdash, struct opt *o)
{
	const char *s;

	if (*k >= n)
		return false;
	s = w[*k].s;
	o->index = *k;
	o->name = NULL;
	o->val = w[*k];
	if (*dashdash || s[0] != '-' || !s[1]) {
		(*k)++;
		return true;
	}
	if (str_eq(s, "--")) {
		*dashdash = true;
		(*k)++;
		return next_opt(f, w, n, k, sp, dashdash, o);
	}
	if (s[1] == '-') {
		const char *eq = strchr(s, '=');
		size_t nl = eq ? (size_t)(eq - s - 2) : strlen(s + 2);
		bool takes = in_list(s + 2, nl, sp->value) ||
			     (sp->unknown_value && !in_list(s + 2, nl, sp->flags));

		o->name = arena_strndup(f->a, s + 2, nl);
		(*k)++;
		if (eq) {
			o->val.s = eq + 1;
			o->val.known = w[o->index].known || text_known(f, eq + 1);
		} else if (takes && *k < n) {
			o->val = w[(*k)++];
		} else {
			o->val.s = NULL;
		}
		return true;
	}
	/* A cluster of short options: only a value-taking one matters, and it
	 * takes the rest of the word or the next one. */
	(*k)++;
	for (const char *p = s + 1; *p; p++) {
		const char *at = strchr(sp->shorts, *p);

		if (!at)
			continue;
		o->name = sp->short_long[at - sp->shorts];
		if (p[1]) {
			o->val.s = p[1] == '=' ? p + 2 : p + 1;
			o->val.known = w[o->index].known || text_known(f, o->val.s);
		} else if (*k < n) {
			o->val = w[(*k)++];
		} else {
			o->val.s = NULL;
		}
		return true;
	}
	o->name = "";
	o->val.s = NULL;
	return true;
}

static struct ev_str str_of(struct ev_word w)
{
	return (struct ev_str){ w.s, w.known };
}

static void push_str(struct arena *a, struct ev_str **v, size_t *n, size_t *cap, struct ev_str s)
{
	*ARENA_PUSH(a, *v, *n, *cap) = s;
}

static void parse_build(struct file_ctx *f, const struct session *ss, unsigned line,
			const char *tool, const struct ev_word *w, size_t n, size_t k)
{
	static const char *const flags[] = {
		"no-cache", "pull", "push", "load", "quiet", "rm", "force-rm", "compress", "squash",
		"squash-all", "layers", "disable-compression", "check", "debug", "help", "no-hosts",
		"omit-history", "disable-content-trust", "stdin", "all-platforms", "identity-label",
		"skip-unused-stages", "tls-verify", "http-proxy", "read-only", "pull-always",
		"pull-never", "iidfile-raw", "no-format", "sign", "compat-volumes", NULL
	};
	static const char *const short_long[] = {
		"tag", "file", "output", "memory", "cpu-shares", "volume", "env"
	};
	static const struct opt_spec sp = { NULL, "tfomcve", short_long, flags, true };
	struct pathw file = { NULL, NULL, false }, ctx = { NULL, NULL, false };
	struct ev_word target = { NULL, false };
	struct ev_str *tags = NULL;
	size_t ntags = 0, cap = 0;
	bool dd = false, help = false;
	struct opt o;
	struct build_use *u;
	const char *rel[1];
	size_t nrel = 0;
	const char *base;

	while (next_opt(f, w, n, &k, &sp, &dd, &o)) {
		if (!o.name) {
			ctx = path_word(f, ss, o.val);	/* the last argument */
			continue;
		}
		help |= str_eq(o.name, "help");
		if (!o.val.s)
			continue;
		if (str_eq(o.name, "file"))
			file = path_word(f, ss, o.val);
		else if (str_eq(o.name, "tag"))
			push_str(f->a, &tags, &ntags, &cap, str_of(o.val));
		else if (str_eq(o.name, "target"))
			target = o.val;
	}
	if (!ctx.s || help)
		return;	/* a mention, not a command: docker build needs a context */
	if (file.s && file.known && !file.anch && !str_eq(file.s, "-"))
		rel[nrel++] = file.s;
	else if (!file.s && ctx.known && !ctx.anch && !remote_context(ctx.s))
		rel[nrel++] = arena_path_join(f->a, ctx.s, "Dockerfile");
	if (!(u = new_build(f)))
		return;
	set_where(f, ss, line, rel, nrel, false, &u->at);
	base = u->at.base;
	u->tool = tool;
	u->context_remote = ctx.known && !ctx.anch && remote_context(ctx.s);
	if (u->context_remote)
		u->context = (struct ev_str){ ctx.s, false };
	else
		u->context = resolve(f, base, ctx);
	u->dockerfile_given = file.s != NULL;
	if (file.s && str_eq(file.s, "-"))
		u->dockerfile = (struct ev_str){ "-", false };
	else if (file.s)
		u->dockerfile = resolve(f, base, file);
	else if (u->context.known)
		u->dockerfile = (struct ev_str){ path_join(f->a, u->context.s, "Dockerfile"), true };
	else
		u->dockerfile = (struct ev_str){ "Dockerfile", false };
	if (u->context_remote && file.s)
		u->dockerfile = (struct ev_str){ file.s, false };	/* in the remote context */
	u->target = str_of(target);
	u->tags = tags;
	u->ntags = ntags;
}

/* COMPOSE_FILE's list, relative to base; as written when not known. */
static size_t env_files_list(struct file_ctx *f, const char *base, struct ev_word file,
			     struct ev_word sep, struct ev_str **out)
{
	const char **items;
	char seps[2] = { ':', '\0' };
	size_t n;

	*out = NULL;
	if (!file.s)
		return 0;
	if (sep.s && sep.known && sep.s[0])
		seps[0] = sep.s[0];
	n = split(f->a, file.s, seps, &items);
	if (!n)
		return 0;
	*out = arena_alloc(f->a, n * sizeof(**out));
	for (size_t i = 0; i < n; i++) {
		bool known = text_known(f, items[i]);

		(*out)[i] = (struct ev_str){ known ? path_join(f->a, base, items[i]) : items[i], known };
	}
	return n;
}

static size_t profiles_list(struct file_ctx *f, struct ev_word v, struct ev_str **out)
{
	const char **items;
	size_t n;

	*out = NULL;
	if (!v.s)
		return 0;
	n = split(f->a, v.s, ",", &items);
	if (n)
		*out = arena_alloc(f->a, n * sizeof(**out));
	for (size_t i = 0; i < n; i++)
		(*out)[i] = (struct ev_str){ items[i], v.known };
	return n;
}

/* The default names compose looks for, to probe a folder with. */
static const char *const compose_defaults[] = {
	"compose.yaml", "compose.yml", "docker-compose.yml", "docker-compose.yaml"
};

/* A COMPOSE_FILE setting (or COMPOSE_PROJECT_NAME / COMPOSE_PROFILES). */
static void record_setting(struct file_ctx *f, const struct session *ss, const struct compose_env *e)
{
	struct compose_use *u;
	const char **rel = NULL;
	size_t nrel = 0, cap = 0;

	if (!e->file.s && !e->name.s && !e->profiles.s)
		return;
	if (e->file.s && e->file.known) {
		const char **items;
		char seps[2] = { e->sep.s && e->sep.known && e->sep.s[0] ? e->sep.s[0] : ':', 0 };
		size_t ni = split(f->a, e->file.s, seps, &items);

		for (size_t i = 0; i < ni; i++)
			*ARENA_PUSH(f->a, rel, nrel, cap) = items[i];
	}
	if (!(u = new_compose(f)))
		return;
	set_where(f, ss, e->line, rel, nrel, false, &u->at);
	u->tool = "COMPOSE_FILE";
	u->nfiles = env_files_list(f, u->at.base, e->file, e->sep, &u->files);
	u->files_from_env = u->nfiles > 0;
	u->project_name = str_of(e->name);
	u->nprofiles = profiles_list(f, e->profiles, &u->profiles);
}

static void parse_compose(struct file_ctx *f, const struct session *ss, unsigned line,
			  const char *tool, const struct ev_word *w, size_t n, size_t k,
			  const struct compose_env *prefix)
{
	static const char *const value[] = {
		"file", "project-name", "profile", "project-directory", "env-file", "ansi",
		"parallel", "progress", "context", "host", "log-level", "tlscacert", "tlscert",
		"tlskey", "workdir", NULL
	};
	static const char *const short_long[] = { "file", "project-name", "context", "host" };
	static const struct opt_spec sp = { value, "fpcH", short_long, NULL, false };
	struct pathw *files = NULL, *envf = NULL, pdir = { NULL, NULL, false };
	size_t nfiles = 0, capf = 0, nenvf = 0, cape = 0, nprof = 0, capp = 0;
	struct ev_str *profiles = NULL;
	struct ev_word pname = { NULL, false };
	const char *verb = NULL;
	const char **rel = NULL;
	size_t nrel = 0, caprel = 0;
	bool dd = false, any = false, opts = false;
	struct compose_use *u;
	struct compose_env env = ss->env;
	struct opt o;

	if (prefix) {
		if (prefix->file.s) {
			env.file = prefix->file;
			if (prefix->sep.s)
				env.sep = prefix->sep;
		}
		if (prefix->name.s)
			env.name = prefix->name;
		if (prefix->profiles.s)
			env.profiles = prefix->profiles;
	}
	while (next_opt(f, w, n, &k, &sp, &dd, &o)) {
		if (!o.name) {
			verb = o.val.s;	/* the subcommand: its options are not compose's */
			break;
		}
		opts = true;
		if (!o.val.s)
			continue;
		if (str_eq(o.name, "file"))
			*ARENA_PUSH(f->a, files, nfiles, capf) = path_word(f, ss, o.val);
		else if (str_eq(o.name, "env-file"))
			*ARENA_PUSH(f->a, envf, nenvf, cape) = path_word(f, ss, o.val);
		else if (str_eq(o.name, "project-directory"))
			pdir = path_word(f, ss, o.val);
		else if (str_eq(o.name, "project-name"))
			pname = o.val;
		else if (str_eq(o.name, "profile"))
			push_str(f->a, &profiles, &nprof, &capp, str_of(o.val));
	}
	if (!verb && !opts)
		return;	/* "docker compose" in prose */
	for (size_t i = 0; i < nfiles; i++)
		if (files[i].known && !files[i].anch && !str_eq(files[i].s, "-"))
			*ARENA_PUSH(f->a, rel, nrel, caprel) = files[i].s;
	if (!nfiles && env.file.s && env.file.known) {
		const char **items;
		char seps[2] = { env.sep.s && env.sep.known && env.sep.s[0] ? env.sep.s[0] : ':', 0 };
		size_t ni = split(f->a, env.file.s, seps, &items);

		for (size_t i = 0; i < ni; i++)
			*ARENA_PUSH(f->a, rel, nrel, caprel) = items[i];
	} else if (!nfiles && !env.file.s && !pdir.s) {
		for (size_t i = 0; i < 4; i++)
			*ARENA_PUSH(f->a, rel, nrel, caprel) = compose_defaults[i];
		any = true;
	}
	if (!(u = new_compose(f)))
		return;
	set_where(f, ss, line, rel, nrel, any, &u->at);
	u->tool = tool;
	u->verb = verb;
	if (nfiles) {
		u->files = arena_alloc(f->a, nfiles * sizeof(*u->files));
		for (size_t i = 0; i < nfiles; i++)
			u->files[i] = str_eq(files[i].s, "-") ? (struct ev_str){ "-", false }
							      : resolve(f, u->at.base, files[i]);
		u->nfiles = nfiles;
	} else if (env.file.s) {
		u->nfiles = env_files_list(f, u->at.base, env.file, env.sep, &u->files);
		u->files_from_env = u->nfiles > 0;
	}
	u->project_dir = resolve(f, u->at.base, pdir);
	u->project_name = pname.s ? str_of(pname) : str_of(env.name);
	if (nprof) {
		u->profiles = profiles;
		u->nprofiles = nprof;
	} else {
		u->nprofiles = profiles_list(f, env.profiles, &u->profiles);
	}
	if (nenvf) {
		u->env_files = arena_alloc(f->a, nenvf * sizeof(*u->env_files));
		for (size_t i = 0; i < nenvf; i++)
			u->env_files[i] = resolve(f, u->at.base, envf[i]);
		u->nenv_files = nenvf;
	}
}

/* docker stack deploy -c FILE... STACK */
static void parse_stack(struct file_ctx *f, const struct session *ss, unsigned line,
			const struct ev_word *w, size_t n, size_t k)
{
	static const char *const value[] = {
		"compose-file", "orchestrator", "resolve-image", "namespace", "kubeconfig", NULL
	};
	static const char *const short_long[] = { "compose-file" };
	static const struct opt_spec sp = { value, "c", short_long, NULL, false };
	struct pathw *files = NULL;
	size_t nfiles = 0, cap = 0, nrel = 0, caprel = 0;
	const char **rel = NULL;
	struct ev_word name = { NULL, false };
	bool dd = false;
	struct compose_use *u;
	struct opt o;

	while (next_opt(f, w, n, &k, &sp, &dd, &o)) {
		if (!o.name)
			name = o.val;
		else if (o.val.s && str_eq(o.name, "compose-file"))
			*ARENA_PUSH(f->a, files, nfiles, cap) = path_word(f, ss, o.val);
	}
	if (!nfiles)
		return;
	for (size_t i = 0; i < nfiles; i++)
		if (files[i].known && !files[i].anch)
			*ARENA_PUSH(f->a, rel, nrel, caprel) = files[i].s;
	if (!(u = new_compose(f)))
		return;
	set_where(f, ss, line, rel, nrel, false, &u->at);
	u->tool = "docker stack deploy";
	u->verb = "deploy";
	u->files = arena_alloc(f->a, nfiles * sizeof(*u->files));
	for (size_t i = 0; i < nfiles; i++)
		u->files[i] = resolve(f, u->at.base, files[i]);
	u->nfiles = nfiles;
	u->project_name = str_of(name);
}

static void parse_bake(struct file_ctx *f, const struct session *ss, unsigned line,
		       const char *tool, const struct ev_word *w, size_t n, size_t k)
{
	static const char *const value[] = {
		"file", "set", "progress", "builder", "metadata-file", "call", "list", "allow",
		"sbom", "provenance", "var", NULL
	};
	static const char *const short_long[] = { "file" };
	static const struct opt_spec sp = { value, "f", short_long, NULL, false };
	struct pathw *files = NULL;
	struct ev_str *targets = NULL;
	size_t nfiles = 0, capf = 0, ntargets = 0, capt = 0, nrel = 0, caprel = 0;
	const char **rel = NULL;
	bool dd = false;
	struct bake_use *u;
	struct opt o;

	while (next_opt(f, w, n, &k, &sp, &dd, &o)) {
		if (!o.name)
			push_str(f->a, &targets, &ntargets, &capt, str_of(o.val));
		else if (o.val.s && str_eq(o.name, "file"))
			*ARENA_PUSH(f->a, files, nfiles, capf) = path_word(f, ss, o.val);
	}
	for (size_t i = 0; i < nfiles; i++)
		if (files[i].known && !files[i].anch)
			*ARENA_PUSH(f->a, rel, nrel, caprel) = files[i].s;
	if (!(u = new_bake(f)))
		return;
	set_where(f, ss, line, rel, nrel, false, &u->at);
	u->tool = tool;
	if (nfiles) {
		u->files = arena_alloc(f->a, nfiles * sizeof(*u->files));
		for (size_t i = 0; i < nfiles; i++)
			u->files[i] = resolve(f, u->at.base, files[i]);
		u->nfiles = nfiles;
	}
	u->targets = targets;
	u->ntargets = ntargets;
}

/* Which tool a command line runs, and hands it to its parser. */
static void dispatch(struct file_ctx *f, const struct session *ss, unsigned line,
		     const struct ev_word *w, size_t n, const struct compose_env *prefix)
{
	const char *name, *var;
	size_t k = 1;
	bool viavar = false;

	if (!n)
		return;
	name = cmd_base(w[0].s);
	if (!w[0].known) {
		/* $(DOCKER) build, ${COMPOSE_CMD} up: the tool as written. */
		if (!(var = var_word(f->a, w[0].s)))
			return;
		if (ci_contains(var, "compose")) {
			parse_compose(f, ss, line, w[0].s, w, n, 1, prefix);
			return;
		}
		if (!ci_contains(var, "docker") && !ci_contains(var, "podman"))
			return;
		name = w[0].s;
		viavar = true;
	}
	if (str_eq(name, "docker-compose") || str_eq(name, "podman-compose")) {
		parse_compose(f, ss, line, name, w, n, 1, prefix);
		return;
	}
	if (str_eq(name, "buildah")) {
		static const char *const flags[] = { "debug", "help", "version", NULL };

		/* Its global options: --long ones take a value, but for a few. */
		while (k < n && w[k].s[0] == '-')
			k += 1 + (w[k].s[1] == '-' && !strchr(w[k].s, '=') &&
				  !in_list(w[k].s + 2, strlen(w[k].s + 2), flags));
		if (k < n && (str_eq(w[k].s, "bud") || str_eq(w[k].s, "build")))
			parse_build(f, ss, line, str_eq(w[k].s, "bud") ? "buildah bud" : "buildah build",
				    w, n, k + 1);
		return;
	}
	if (!viavar && !str_eq(name, "docker") && !str_eq(name, "podman"))
		return;
	while (k < n && w[k].s[0] == '-')
		k += script_docker_global_value(w[k].s) ? 2 : 1;
	if (k >= n)
		return;
#define TOOL(sub) (viavar ? arena_printf(f->a, "%s %s", name, sub) \
		   : str_eq(name, "docker") ? "docker " sub : "podman " sub)
	if (str_eq(w[k].s, "build")) {
		parse_build(f, ss, line, TOOL("build"), w, n, k + 1);
	} else if ((str_eq(w[k].s, "image") || str_eq(w[k].s, "builder")) && k + 1 < n &&
		   str_eq(w[k + 1].s, "build")) {
		parse_build(f, ss, line, TOOL("image build"), w, n, k + 2);
	} else if (str_eq(w[k].s, "buildx")) {
		for (k++; k < n && w[k].s[0] == '-'; k++)
			k += str_eq(w[k].s, "--builder");
		if (k < n && (str_eq(w[k].s, "build") || str_eq(w[k].s, "b")))
			parse_build(f, ss, line, TOOL("buildx build"), w, n, k + 1);
		else if (k < n && str_eq(w[k].s, "bake"))
			parse_bake(f, ss, line, TOOL("buildx bake"), w, n, k + 1);
	} else if (str_eq(w[k].s, "compose")) {
		parse_compose(f, ss, line, TOOL("compose"), w, n, k + 1, prefix);
	} else if (str_eq(w[k].s, "stack") && k + 1 < n &&
		   (str_eq(w[k + 1].s, "deploy") || str_eq(w[k + 1].s, "up"))) {
		parse_stack(f, ss, line, w, n, k + 2);
	}
#undef TOOL
}

/* --- GitHub Actions expressions ---------------------------------------- */

static const struct mx_cell *row_find(const struct mx_row *row, const char *key, size_t kl)
{
	for (size_t i = 0; row && i < row->n; i++)
		if (strlen(row->c[i].key) == kl && !strncmp(row->c[i].key, key, kl))
			return &row->c[i];
	return NULL;
}

static const char *row_value(const struct mx_row *row, const char *key, size_t kl)
{
	const struct mx_cell *c = row_find(row, key, kl);

	return c ? c->val : NULL;
}

/* s with each ${{ matrix.KEY }} replaced by the row's value (row NULL:
 * the matrix is not known). *known is false when a value is unknown or
 * another expression (or, for shell text, a $ or `) remains. */
static const char *gha_subst(struct file_ctx *f, const char *s, const struct mx_row *row,
			     bool shell, bool *known)
{
	char *buf;
	size_t cap = strlen(s) + 1, n = 0;

	*known = true;
	if (!strstr(s, "${{")) {
		*known = shell ? !has_expansion(s) : true;
		return s;
	}
	buf = NULL;
	for (const char *p = s, *e = s; *p;) {
		const char *val = NULL;
		size_t take = 1;

		if (!strncmp(p, "${{", 3)) {
			/* e: the next "}}" (NULL once there is none: no rescans). */
			if (e && e < p + 3)
				e = strstr(p + 3, "}}");
			if (e) {
				const char *q = p + 3, *k;
				size_t kl;

				while (*q == ' ')
					q++;
				if (!strncmp(q, "matrix.", 7)) {
					k = q + 7;
					for (kl = 0; is_ident(k[kl]) || k[kl] == '-'; kl++)
						;
					for (q = k + kl; *q == ' '; q++)
						;
					/* A key the row lacks is empty, as GitHub has it. */
					if (q == e && row)
						val = row_find(row, k, kl) ? row_value(row, k, kl) : "";
				}
				take = (size_t)(e + 2 - p);
			}
			if (!val)
				*known = false;
		} else if (shell && (*p == '$' || *p == '`')) {
			*known = false;
		}
		if (val) {
			size_t vl = strlen(val);

			if (!buf || n + vl + 1 > cap) {
				size_t ncap = (n + vl + 1) * 2 + cap;
				char *nb = arena_alloc(f->a, ncap);

				if (buf)
					memcpy(nb, buf, n);
				buf = nb;
				cap = ncap;
			}
			memcpy(buf + n, val, vl);
			n += vl;
		} else {
			if (!buf || n + take + 1 > cap) {
				size_t ncap = (n + take + 1) * 2 + cap;
				char *nb = arena_alloc(f->a, ncap);

				if (buf)
					memcpy(nb, buf, n);
				buf = nb;
				cap = ncap;
			}
			memcpy(buf + n, p, take);
			n += take;
		}
		p += take;
	}
	buf[n] = '\0';
	return buf;
}

/* --- shell commands ---------------------------------------------------- */

static bool compose_var(const char *name, size_t n)
{
	static const char *const names[] = {
		"COMPOSE_FILE", "COMPOSE_PATH_SEPARATOR", "COMPOSE_PROJECT_NAME", "COMPOSE_PROFILES",
		NULL
	};

	return in_list(name, n, names);
}

static struct ev_word *env_field(struct compose_env *e, const char *name, size_t nl)
{
	if (nl == 12 && !strncmp(name, "COMPOSE_FILE", 12))
		return &e->file;
	if (nl == 22 && !strncmp(name, "COMPOSE_PATH_SEPARATOR", 22))
		return &e->sep;
	if (nl == 20 && !strncmp(name, "COMPOSE_PROJECT_NAME", 20))
		return &e->name;
	if (nl == 16 && !strncmp(name, "COMPOSE_PROFILES", 16))
		return &e->profiles;
	return NULL;
}

static void env_set_var(struct compose_env *e, const char *name, size_t nl, struct ev_word v,
			unsigned line)
{
	struct ev_word *fld = env_field(e, name, nl);

	if (!fld)
		return;
	*fld = v;
	if (fld == &e->file || !e->line)
		e->line = line;
}

/* Whether a COMPOSE_* variable is set in e. */
static bool env_has(struct compose_env *e, const char *name, size_t nl)
{
	const struct ev_word *fld = env_field(e, name, nl);

	return fld && fld->s;
}

/* export NAME: a COMPOSE_* assigned before reaches compose from now on. */
static void export_name(struct file_ctx *f, struct session *ss, const char *name, size_t nl,
			unsigned line)
{
	if (!env_has(&ss->local, name, nl))
		return;
	env_set_var(&ss->env, name, nl, *env_field(&ss->local, name, nl), line);
	if (nl == 12)
		record_setting(f, ss, &ss->env);
}

/* NAME=value in a session. A COMPOSE_* reaches compose when exported
 * (export NAME=..., set -a, or exported before), and an exported
 * COMPOSE_FILE is recorded; a variable that holds a folder the script
 * works out is tracked. */
static void assign(struct file_ctx *f, struct session *ss, const struct sh_word *wd,
		   unsigned line, bool exported)
{
	const char *eq = strchr(wd->text, '='), *val, *rest, *dir;
	size_t nl;

	if (!eq || eq == wd->text)
		return;
	nl = (size_t)(eq - wd->text);
	val = eq + 1;
	if (compose_var(wd->text, nl)) {
		struct ev_word v = { val, !wd->has_subst && text_known(f, val) };

		if (exported || ss->allexport || env_has(&ss->env, wd->text, nl)) {
			env_set_var(&ss->env, wd->text, nl, v, line);
			if (nl == 12)
				record_setting(f, ss, &ss->env);
		} else {
			env_set_var(&ss->local, wd->text, nl, v, line);
		}
	}
	dir = anchor(f, ss, val, &rest, 0);
	if (dir && !has_expansion(rest))
		dir = *rest ? path_join(f->a, dir, rest) : dir;
	else
		dir = NULL;
	for (size_t i = 0; i < ss->nvars; i++)
		if (strlen(ss->vars[i].name) == nl && !strncmp(ss->vars[i].name, wd->text, nl)) {
			ss->vars[i] = ss->vars[--ss->nvars];	/* set again: the old value goes */
			break;
		}
	if (dir && ss->nvars < MAX_VARS) {
		ss->vars[ss->nvars].name = arena_strndup(f->a, wd->text, nl);
		ss->vars[ss->nvars++].path = dir;
	}
}

static void change_dir(struct file_ctx *f, struct session *ss, const struct sh_cmd *c)
{
	const char *arg = first_arg(c);
	struct dirstate *d = &ss->d;
	struct pathw p;

	if (!arg || str_eq(arg, "-") || arg[0] == '~') {
		*d = (struct dirstate){ NULL, NULL, true };
		return;
	}
	p = path_word(f, ss, (struct ev_word){ arg, text_known(f, arg) });
	if (p.anch)
		*d = (struct dirstate){ p.anch, NULL, false };
	else if (p.known && (d->cwd || p.s[0] == '/'))
		d->cwd = path_join(f->a, d->cwd ? d->cwd : "/", p.s);
	else if (p.known && !d->lost)
		d->rel = path_join(f->a, d->rel ? d->rel : ".", p.s);
	else
		*d = (struct dirstate){ NULL, NULL, true };
	/* cd a; cd a; ... : a folder too long to be real is not followed
	 * (and every join would copy it). */
	if ((d->cwd && strlen(d->cwd) > MAX_PATH) || (d->rel && strlen(d->rel) > MAX_PATH))
		*d = (struct dirstate){ NULL, NULL, true };
}

/* A command word worth a look: docker, podman, buildah, *compose, or a
 * variable that may hold one. */
static bool tool_word(const char *s)
{
	return ci_contains(s, "docker") || ci_contains(s, "podman") || ci_contains(s, "buildah") ||
	       ci_contains(s, "compose");
}

static void on_cmd_words(struct file_ctx *f, struct session *ss, const struct sh_cmd *c,
			 size_t s0, unsigned line);

static void on_cmd(struct file_ctx *f, struct session *ss, const struct sh_cmd *c, unsigned line)
{
	const char *name = sh_cmd_name(c);

	if (c->depth == 0) {
		bool exp = str_eq(name, "export") ||
			   ((str_eq(name, "declare") || str_eq(name, "typeset")) &&
			    sh_cmd_has_opt(c, "-x"));

		if (!c->argc) {
			for (size_t i = 0; i < c->nassigns; i++)
				assign(f, ss, &c->assigns[i], line, false);
			return;
		}
		if (exp || str_eq(name, "readonly") || str_eq(name, "local") ||
		    str_eq(name, "declare") || str_eq(name, "typeset")) {
			for (size_t i = 1; i < c->argc; i++) {
				const char *t = c->argv[i].text;

				if (t[0] == '-')
					continue;
				if (strchr(t, '='))
					assign(f, ss, &c->argv[i], line, exp);
				else if (exp)
					export_name(f, ss, t, strlen(t), line);
			}
			return;
		}
		if (str_eq(name, "set")) {
			for (size_t i = 1; i < c->argc; i++) {
				const char *t = c->argv[i].text;

				if ((t[0] == '-' || t[0] == '+') && t[1] != 'o' && strchr(t, 'a'))
					ss->allexport = t[0] == '-';
				else if ((str_eq(t, "-o") || str_eq(t, "+o")) && i + 1 < c->argc &&
					 str_eq(c->argv[i + 1].text, "allexport"))
					ss->allexport = t[0] == '-';
			}
			return;
		}
		if (str_eq(name, "unset")) {
			for (size_t i = 1; i < c->argc; i++) {
				const char *t = c->argv[i].text;
				struct ev_word none = { NULL, false };

				if (compose_var(t, strlen(t))) {
					env_set_var(&ss->env, t, strlen(t), none, line);
					env_set_var(&ss->local, t, strlen(t), none, line);
				}
			}
			return;
		}
		if (str_eq(name, "cd") || str_eq(name, "pushd")) {
			if (str_eq(name, "pushd") && ss->depth < 8)
				ss->stack[ss->depth++] = ss->d;
			change_dir(f, ss, c);
			return;
		}
		if (str_eq(name, "popd")) {
			if (ss->depth)
				ss->d = ss->stack[--ss->depth];
			else
				ss->d = (struct dirstate){ NULL, NULL, true };
			return;
		}
	}
	if (!c->argc)
		return;
	/* $SUDO docker ..., env "${args[@]}" docker ...: the wrapper's words
	 * are not known, the tool after them is. */
	if (!tool_word(c->argv[0].text)) {
		size_t s0 = 0;

		for (size_t i = 1; c->argv[0].has_subst && i < c->argc && i < 4 && !s0; i++) {
			const char *b = cmd_base(c->argv[i].text);

			if (str_eq(b, "docker") || str_eq(b, "podman") || str_eq(b, "docker-compose") ||
			    str_eq(b, "podman-compose") || str_eq(b, "buildah"))
				s0 = i;
		}
		if (!s0)
			return;
		on_cmd_words(f, ss, c, s0, line);
		return;
	}
	on_cmd_words(f, ss, c, 0, line);
}

/* The command line of c from argv[s0] on: its tool, once per matrix row. */
static void on_cmd_words(struct file_ctx *f, struct session *ss, const struct sh_cmd *c,
			 size_t s0, unsigned line)
{
	struct compose_env prefix = { 0 };
	const struct matrix *mx = ss->scope ? ss->scope->mx : NULL;
	size_t argc = c->argc - s0;
	const struct sh_word *argv = c->argv + s0;
	struct ev_word *w;
	bool rows = false;

	for (size_t i = 0; i < c->nassigns; i++) {
		const char *eq = strchr(c->assigns[i].text, '=');

		if (eq && compose_var(c->assigns[i].text, (size_t)(eq - c->assigns[i].text)))
			env_set_var(&prefix, c->assigns[i].text,
				    (size_t)(eq - c->assigns[i].text),
				    (struct ev_word){ eq + 1, !c->assigns[i].has_subst }, line);
	}
	w = arena_alloc(f->a, argc * sizeof(*w));
	for (size_t i = 0; i < argc; i++) {
		w[i].s = argv[i].text;
		w[i].known = !argv[i].has_subst && text_known(f, w[i].s);
		rows |= mx && argv[i].has_subst && strstr(w[i].s, "${{");
	}
	if (!rows || mx->unknown || !mx->nrows) {
		dispatch(f, ss, line, w, argc, &prefix);
		return;
	}
	/* ${{ matrix.X }}: one command line per row of the job's matrix. */
	{
		size_t b0 = f->out->nbuilds, c0 = f->out->ncomposes, k0 = f->out->nbakes;
		struct ev_word *wr = arena_alloc(f->a, argc * sizeof(*wr));

		for (size_t r = 0; r < mx->nrows; r++) {
			if (f->expanded >= EV_MAX_EXPANDED || f->work >= MAX_WORK) {
				f->out->limited = true;
				break;
			}
			f->expanded++;
			for (size_t i = 0; i < argc; i++) {
				wr[i] = w[i];
				if (argv[i].has_subst && strstr(w[i].s, "${{")) {
					f->work++;
					wr[i].s = gha_subst(f, w[i].s, &mx->rows[r], true, &wr[i].known);
				}
			}
			dispatch(f, ss, line, wr, argc, &prefix);
			drop_repeat(f, b0, c0, k0);
		}
	}
}

static const struct gha_scope *find_scope(const struct file_ctx *f, unsigned line)
{
	size_t lo = 0, hi = f->nscopes;

	/* The last scope that starts at or before line. */
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (f->scopes[mid].line <= line)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo ? &f->scopes[lo - 1] : NULL;
}

/* text, a path in the workspace, as a path in the repository that
 * actions/checkout put in ws; NULL when it is not in there. */
static const char *ws_rel(const char *ws, const char *text)
{
	size_t n;

	while (!strncmp(ws, "./", 2))
		ws += 2;
	while (!strncmp(text, "./", 2))
		text += 2;
	n = strlen(ws);
	while (n && ws[n - 1] == '/')
		n--;
	if (strstr(ws, "${{") || strncmp(text, ws, n) || (text[n] && text[n] != '/'))
		return NULL;
	for (text += n; *text == '/'; text++)
		;
	return *text ? text : ".";
}

static void session_init(struct file_ctx *f, struct session *ss, unsigned line)
{
	memset(ss, 0, sizeof(*ss));
	switch (f->source) {
	case EV_MAKEFILE:
	case EV_TASKFILE:
	case EV_DOTENV:
	case EV_GORELEASER:
	case EV_PACKAGE_JSON:
		ss->d.cwd = f->dir;
		break;
	case EV_CI:
	case EV_JENKINSFILE:
		ss->d.cwd = f->rootpath;
		break;
	case EV_SHELL:
	case EV_MARKDOWN:
		break;
	}
	if (f->gha && (ss->scope = find_scope(f, line))) {
		const struct gha_scope *sc = ss->scope;
		struct ev_word wd = sc->wd;

		ss->env = sc->env;
		if (sc->ws && !(wd.s && (wd.s = ws_rel(sc->ws, wd.s)))) {
			/* The repository is in a folder of the workspace, and the
			 * steps do not run in it. */
			ss->d = (struct dirstate){ NULL, NULL, true };
		} else if (wd.s) {
			struct pathw p = path_word(f, ss, wd);

			ss->d.cwd = p.anch ? p.anch
				    : p.known ? path_join(f->a, f->rootpath, p.s) : NULL;
			ss->d.lost = !ss->d.cwd;
		}
	}
}

static const char *const cmd_words[] = {
	"docker", "Docker", "DOCKER", "podman", "PODMAN", "buildah", "compose", "COMPOSE",
	"Compose", NULL
};

/* The lines of a shell script that define a function (function NAME,
 * NAME()), in order. */
static size_t function_lines(struct arena *a, const char *t, size_t len, unsigned **out)
{
	unsigned *v = NULL, line = 1;
	size_t n = 0, cap = 0;

	for (size_t i = 0; i < len; line++) {
		const char *nl = memchr(t + i, '\n', len - i);
		size_t e = nl ? (size_t)(nl - t) : len, k = i, w;

		while (k < e && (t[k] == ' ' || t[k] == '\t'))
			k++;
		for (w = k; w < e && (is_ident(t[w]) || t[w] == '-' || t[w] == '.' || t[w] == ':'); w++)
			;
		if (w > k && w - k == 8 && !strncmp(t + k, "function", 8) && w < e && t[w] == ' ') {
			*ARENA_PUSH(a, v, n, cap) = line;
		} else if (w > k) {
			while (w < e && t[w] == ' ')
				w++;
			if (e - w >= 2 && t[w] == '(' && t[w + 1] == ')')
				*ARENA_PUSH(a, v, n, cap) = line;
		}
		i = e + 1;
	}
	*out = v;
	return n;
}

static void scan_commands(struct file_ctx *f, const struct script *s)
{
	struct script_cmd *v;
	size_t n = script_cmds(f->a, s, cmd_words, &v), nfn = 0, fi = 0;
	unsigned *fn = NULL, cur = 0;
	struct session ss;

	if (f->source == EV_SHELL && n)
		nfn = function_lines(f->a, s->text, s->len, &fn);
	for (size_t i = 0; i < n; i++) {
		if (!i || v[i].session != cur) {
			session_init(f, &ss, v[i].pos.line);
			cur = v[i].session;
		}
		/* A function runs wherever it is called from: the folder is
		 * again the one the script starts in. */
		for (; fi < nfn && fn[fi] <= v[i].pos.line; fi++) {
			ss.d = (struct dirstate){ NULL, NULL, false };
			ss.depth = 0;
		}
		on_cmd(f, &ss, v[i].cmd, v[i].pos.line);
	}
}

/* Makefile variables whose value is a command: DC = docker compose -f a -f b. */
static void scan_make_vars(struct file_ctx *f, const char *t, size_t len)
{
	unsigned line = 1;

	for (size_t i = 0; i < len;) {
		const char *nl = memchr(t + i, '\n', len - i);
		size_t e = nl ? (size_t)(nl - t) : len, j = i, v, ve = e;
		unsigned first = line;

		/* Continued lines are part of the value. */
		while (ve < len && ve > i && t[ve - 1] == '\\') {
			const char *nx = memchr(t + ve + 1, '\n', len - ve - 1);

			line++;
			ve = nx ? (size_t)(nx - t) : len;
		}
		if (t[i] != '\t') {
			while (j < ve && (t[j] == ' '))
				j++;
			if (!strncmp(t + j, "export ", 7) || !strncmp(t + j, "override ", 9))
				j = (size_t)(strchr(t + j, ' ') - t) + 1;
			while (j < ve && (is_ident(t[j]) || t[j] == '-' || t[j] == '.'))
				j++;
			while (j < ve && t[j] == ' ')
				j++;
			while (j < ve && strchr(":?+!", t[j]))
				j++;
			if (j < ve && t[j] == '=' && j > i) {
				for (v = j + 1; v < ve && (t[v] == ' ' || t[v] == '\t'); v++)
					;
				if (ve - v > 6 && tool_word(arena_strndup(f->a, t + v, ve - v > 32 ? 32 : ve - v))) {
					struct sh_script sh;
					struct session ss;

					sh_parse(f->a, t + v, ve - v, &sh);
					session_init(f, &ss, first);
					for (size_t k = 0; k < sh.ncmds; k++)
						on_cmd(f, &ss, &sh.cmds[k], first);
				}
			}
		}
		line++;
		i = ve + 1;
	}
}

/* --- GitHub Actions and other CI YAML ---------------------------------- */

static const char *scalar(const struct y_node *n)
{
	return n && n->kind == Y_SCALAR ? n->str : NULL;
}

static struct mx_cell *row_cell(struct arena *a, struct mx_row *row, const char *key)
{
	for (size_t i = 0; i < row->n; i++)
		if (str_eq(row->c[i].key, key))
			return &row->c[i];
	{
		struct mx_cell *c = ARENA_PUSH(a, row->c, row->n, row->cap);

		c->key = key;
		return c;
	}
}

static struct mx_row *new_row(struct arena *a, struct matrix *m)
{
	return ARENA_PUSH(a, m->rows, m->nrows, m->cap);
}

/* A matrix value: a scalar without an expression, else unknown (NULL). */
static const char *mx_value(const struct y_node *n)
{
	const char *s = scalar(n);

	return s && !strstr(s, "${{") ? s : NULL;
}

/* strategy.matrix as GitHub expands it: the product of its lists, less
 * exclude, with include entries added to the rows whose original values
 * they do not change, or as rows of their own. */
static struct matrix *matrix_of(struct file_ctx *f, const struct y_node *m)
{
	struct arena *a = f->a;
	struct matrix *mx;
	const struct y_node *inc, *exc;
	size_t norig, nbase = 0, product = 1;

	if (!m)
		return NULL;
	mx = arena_alloc(a, sizeof(*mx));
	if (m->kind != Y_MAP) {
		mx->unknown = true;
		return mx;
	}
	inc = y_get(m, "include");
	exc = y_get(m, "exclude");
	for (size_t i = 0; i < m->npairs; i++) {
		const char *k = m->pairs[i].key->str;
		const struct y_node *v = m->pairs[i].value;

		if (str_eq(k, "include") || str_eq(k, "exclude"))
			continue;
		if (++nbase > MAX_MX_KEYS) {
			mx->unknown = true;
			return mx;
		}
		if (v && v->kind == Y_SEQ && v->nitems) {
			if (product > EV_MAX_ROWS / v->nitems) {
				mx->unknown = true;
				return mx;
			}
			product *= v->nitems;
		}
	}
	if (nbase) {
		new_row(a, mx);
		for (size_t i = 0; i < m->npairs; i++) {
			const char *k = m->pairs[i].key->str;
			const struct y_node *v = m->pairs[i].value;
			size_t nv = v && v->kind == Y_SEQ ? v->nitems : 1, cur = mx->nrows;

			if (str_eq(k, "include") || str_eq(k, "exclude"))
				continue;
			if (v && v->kind == Y_SEQ && !nv)
				continue;	/* an empty list: no row at all */
			/* Each row so far, once per value. */
			for (size_t r = 0; r < cur; r++)
				for (size_t j = 0; j < nv; j++) {
					struct mx_row *row = j ? new_row(a, mx) : &mx->rows[r];
					const struct y_node *item = v && v->kind == Y_SEQ ? v->items[j] : v;

					if (j) {
						const struct mx_row *src = &mx->rows[r];

						for (size_t c = 0; c < src->n; c++)
							*ARENA_PUSH(a, row->c, row->n, row->cap) = src->c[c];
					}
					row_cell(a, row, k)->val = mx_value(item);
				}
		}
	}
	if (exc && exc->kind == Y_SEQ)
		for (size_t e = 0; e < exc->nitems; e++) {
			const struct y_node *ent = exc->items[e];

			if (!ent || ent->kind != Y_MAP)
				continue;
			for (size_t r = 0; r < mx->nrows;) {
				bool all = true;

				for (size_t p = 0; p < ent->npairs && all; p++) {
					const char *want = mx_value(ent->pairs[p].value);
					const char *have = row_value(&mx->rows[r], ent->pairs[p].key->str,
								     strlen(ent->pairs[p].key->str));

					all = want && have && str_eq(want, have);
				}
				if (all)
					memmove(&mx->rows[r], &mx->rows[r + 1],
						(--mx->nrows - r) * sizeof(*mx->rows));
				else
					r++;
			}
		}
	norig = mx->nrows;
	if (inc && inc->kind == Y_SEQ) {
		if (inc->nitems * (norig + 1) > 4096) {
			mx->unknown = true;
			return mx;
		}
		for (size_t e = 0; e < inc->nitems; e++) {
			const struct y_node *ent = inc->items[e];
			bool matched = false;

			if (!ent || ent->kind != Y_MAP)
				continue;
			if (ent->npairs > MAX_MX_KEYS) {
				mx->unknown = true;
				return mx;
			}
			for (size_t r = 0; r < norig; r++) {
				bool fits = true;

				for (size_t p = 0; p < ent->npairs && fits; p++) {
					const char *k = ent->pairs[p].key->str;

					if (y_get(m, k) && !str_eq(k, "include") && !str_eq(k, "exclude")) {
						const char *want = mx_value(ent->pairs[p].value);
						const char *have = row_value(&mx->rows[r], k, strlen(k));

						fits = want && have && str_eq(want, have);
					}
				}
				if (!fits)
					continue;
				matched = true;
				for (size_t p = 0; p < ent->npairs; p++)
					row_cell(a, &mx->rows[r], ent->pairs[p].key->str)->val =
						mx_value(ent->pairs[p].value);
			}
			if (!matched) {
				struct mx_row *row;

				if (mx->nrows >= EV_MAX_ROWS) {
					mx->unknown = true;
					return mx;
				}
				row = new_row(a, mx);
				for (size_t p = 0; p < ent->npairs; p++)
					row_cell(a, row, ent->pairs[p].key->str)->val =
						mx_value(ent->pairs[p].value);
			}
		}
	}
	return mx;
}

/* A with: or env: value, for one row. */
static struct ev_word with_value(struct file_ctx *f, const struct y_node *map, const char *key,
				 const struct mx_row *row)
{
	struct ev_word w = { NULL, false };
	const char *s = scalar(y_get(map, key));

	if (s)
		w.s = gha_subst(f, s, row, false, &w.known);
	return w;
}

static void env_of(struct file_ctx *f, const struct y_node *env, const struct mx_row *row,
		   struct compose_env *e)
{
	if (!env || env->kind != Y_MAP)
		return;
	for (size_t i = 0; i < env->npairs; i++) {
		const char *k = env->pairs[i].key->str;
		const char *s = scalar(env->pairs[i].value);
		struct ev_word v;

		if (!s || !compose_var(k, strlen(k)))
			continue;
		v.s = gha_subst(f, s, row, false, &v.known);
		env_set_var(e, k, strlen(k), v, env->pairs[i].key->pos.line);
	}
}

/* The COMPOSE_* of an env: block, recorded (once per distinct row). */
static void env_setting(struct file_ctx *f, const struct y_node *env, const struct matrix *mx)
{
	size_t b0 = f->out->nbuilds, c0 = f->out->ncomposes, k0 = f->out->nbakes;
	bool rows = mx && !mx->unknown && mx->nrows;
	size_t nrows = rows ? mx->nrows : 1;
	struct session ss;

	if (!env || env->kind != Y_MAP)
		return;
	memset(&ss, 0, sizeof(ss));
	ss.d.cwd = f->rootpath;
	for (size_t r = 0; r < nrows; r++) {
		struct compose_env e = { 0 };

		if (r && f->expanded++ >= EV_MAX_EXPANDED) {
			f->out->limited = true;
			break;
		}
		env_of(f, env, rows ? &mx->rows[r] : NULL, &e);
		if (!e.file.s && !e.name.s && !e.profiles.s)
			return;
		record_setting(f, &ss, &e);
		drop_repeat(f, b0, c0, k0);
	}
}

/* A with: value that is a list: one item per line or comma. */
static size_t with_list(struct file_ctx *f, const struct y_node *with, const char *key,
			const struct mx_row *row, struct ev_str **out)
{
	struct ev_word w = with_value(f, with, key, row);
	const char **items;
	size_t n;

	*out = NULL;
	if (!w.s)
		return 0;
	n = split(f->a, w.s, ",\n", &items);
	if (n)
		*out = arena_alloc(f->a, n * sizeof(**out));
	for (size_t i = 0; i < n; i++)
		(*out)[i] = (struct ev_str){ items[i], !strstr(items[i], "${{") };
	return n;
}

/* A path of a with: block, against the workspace (or dir); ws is where
 * actions/checkout put the repository in the workspace. */
static struct ev_str with_path(struct file_ctx *f, const char *dir, const char *ws,
			       struct ev_word w)
{
	struct session ss;
	struct pathw p;

	memset(&ss, 0, sizeof(ss));
	ss.d.cwd = dir;
	if (!strncmp(w.s, "{{defaultContext}}", 18)) {
		/* The Git context, or a folder of it: the repository. */
		w.s += 18 + (w.s[18] == ':');
		w.known = !strstr(w.s, "${{");
	} else if (ws && w.known && !gha_expr_is(w.s, "github.workspace")) {
		const char *in = ws_rel(ws, w.s);

		if (!in)
			return (struct ev_str){ w.s, false };
		w.s = in;
	}
	p = path_word(f, &ss, w);
	return resolve(f, dir, p);
}

static void gha_build(struct file_ctx *f, const struct y_node *with, unsigned line,
		      const char *tool, const struct matrix *mx, const char *ws)
{
	size_t b0 = f->out->nbuilds, c0 = f->out->ncomposes, k0 = f->out->nbakes;
	size_t nrows = mx && !mx->unknown && mx->nrows ? mx->nrows : 1;

	for (size_t r = 0; r < nrows; r++) {
		const struct mx_row *row = mx && !mx->unknown && mx->nrows ? &mx->rows[r] : NULL;
		struct ev_word ctx, file, target;
		struct build_use *u;

		if (r && f->expanded++ >= EV_MAX_EXPANDED) {
			f->out->limited = true;
			break;
		}
		ctx = with_value(f, with, "context", row);
		file = with_value(f, with, "file", row);
		target = with_value(f, with, "target", row);
		if (!(u = new_build(f)))
			return;
		set_where(f, NULL, line, NULL, 0, false, &u->at);
		u->at.base = f->rootpath;
		u->at.base_how = EV_BASE_KNOWN;
		u->tool = tool;
		/* No context: the Git context, that is the repository. */
		u->context_remote = ctx.s && ctx.known && remote_context(ctx.s);
		if (u->context_remote)
			u->context = (struct ev_str){ ctx.s, false };
		else
			u->context = ctx.s ? with_path(f, f->rootpath, ws, ctx)
					   : (struct ev_str){ f->rootpath, true };
		u->dockerfile_given = file.s != NULL;
		if (file.s)
			u->dockerfile = with_path(f, f->rootpath, ws, file);
		else if (u->context.known)
			u->dockerfile = (struct ev_str){ path_join(f->a, u->context.s, "Dockerfile"), true };
		else
			u->dockerfile = (struct ev_str){ "Dockerfile", false };
		u->target = str_of(target);
		u->ntags = with_list(f, with, "tags", row, &u->tags);
		drop_repeat(f, b0, c0, k0);
	}
}

static void gha_bake(struct file_ctx *f, const struct y_node *with, unsigned line,
		     const char *tool, const struct matrix *mx)
{
	size_t b0 = f->out->nbuilds, c0 = f->out->ncomposes, k0 = f->out->nbakes;
	size_t nrows = mx && !mx->unknown && mx->nrows ? mx->nrows : 1;

	for (size_t r = 0; r < nrows; r++) {
		const struct mx_row *row = mx && !mx->unknown && mx->nrows ? &mx->rows[r] : NULL;
		struct ev_word wd = with_value(f, with, "workdir", row);
		const char *dir = f->rootpath;
		struct bake_use *u;
		struct ev_str *files;
		size_t nfiles;

		if (r && f->expanded++ >= EV_MAX_EXPANDED) {
			f->out->limited = true;
			break;
		}
		if (wd.s && wd.known)
			dir = path_join(f->a, f->rootpath, wd.s);
		if (!(u = new_bake(f)))
			return;
		set_where(f, NULL, line, NULL, 0, false, &u->at);
		u->at.base = dir;
		u->at.base_how = wd.s && !wd.known ? EV_BASE_ROOT : EV_BASE_KNOWN;
		u->tool = tool;
		nfiles = with_list(f, with, "files", row, &files);
		if (!nfiles)
			nfiles = with_list(f, with, "file", row, &files);
		for (size_t i = 0; i < nfiles; i++)
			if (files[i].known)
				files[i].s = path_join(f->a, dir, files[i].s);
		u->files = files;
		u->nfiles = nfiles;
		u->ntargets = with_list(f, with, "targets", row, &u->targets);
		if (!u->ntargets)
			u->ntargets = with_list(f, with, "target", row, &u->targets);
		drop_repeat(f, b0, c0, k0);
	}
}

/* uses: of a step or a job: the build and bake actions and workflows. */
static void gha_uses(struct file_ctx *f, const struct y_node *holder, const struct matrix *mx,
		     const char *ws)
{
	const struct y_node *un = y_get(holder, "uses"), *with = y_get(holder, "with");
	const char *uses = scalar(un);

	if (!uses)
		return;
	if (!with || with->kind != Y_MAP)
		with = NULL;
	if (strstr(uses, "/build-push-action@") || strstr(uses, "/build-push-action/"))
		gha_build(f, with, un->pos.line, "build-push-action", mx, ws);
	else if (strstr(uses, "docker/github-builder/.github/workflows/build.yml@"))
		gha_build(f, with, un->pos.line, "github-builder build", mx, NULL);
	else if (strstr(uses, "/bake-action@"))
		gha_bake(f, with, un->pos.line, "bake-action", mx);
	else if (strstr(uses, "docker/github-builder/.github/workflows/bake.yml@"))
		gha_bake(f, with, un->pos.line, "github-builder bake", mx);
}

static const struct y_node *run_wd(const struct y_node *holder)
{
	return y_get(y_get(y_get(holder, "defaults"), "run"), "working-directory");
}

/* Where the job's first actions/checkout of the repository itself puts
 * it in the workspace (its path:), or NULL. */
static const char *checkout_path(const struct y_node *steps)
{
	for (size_t s = 0; steps && steps->kind == Y_SEQ && s < steps->nitems; s++) {
		const char *uses = scalar(y_get(steps->items[s], "uses"));
		const struct y_node *with = y_get(steps->items[s], "with");

		if (uses && !strncmp(uses, "actions/checkout@", 17) && !y_get(with, "repository"))
			return scalar(y_get(with, "path"));
	}
	return NULL;
}

static void gha_pass(struct file_ctx *f, const struct y_node *doc)
{
	const struct y_node *jobs = y_get(doc, "jobs"), *wenv = y_get(doc, "env");
	const char *wwd = scalar(run_wd(doc));
	struct compose_env we = { 0 };

	env_of(f, wenv, NULL, &we);
	env_setting(f, wenv, NULL);
	if (!jobs || jobs->kind != Y_MAP)
		return;
	for (size_t j = 0; j < jobs->npairs; j++) {
		const struct y_node *job = jobs->pairs[j].value, *steps, *jenv;
		const struct matrix *mx;
		const char *jwd, *ws;
		struct compose_env je;

		if (!job || job->kind != Y_MAP)
			continue;
		mx = matrix_of(f, y_get(y_get(job, "strategy"), "matrix"));
		jenv = y_get(job, "env");
		jwd = scalar(run_wd(job));
		if (!jwd)
			jwd = wwd;
		je = we;
		env_of(f, jenv, NULL, &je);
		env_setting(f, jenv, mx);
		gha_uses(f, job, mx, NULL);
		steps = y_get(job, "steps");
		if (!steps || steps->kind != Y_SEQ)
			continue;
		ws = checkout_path(steps);
		for (size_t s = 0; s < steps->nitems; s++) {
			const struct y_node *st = steps->items[s];
			struct gha_scope *sc;
			const char *swd;

			if (!st || st->kind != Y_MAP)
				continue;
			if (st->via.file || (f->nscopes && st->pos.line < f->scopes[f->nscopes - 1].line)) {
				/* Pulled in by an alias: its run: text is where the
				 * anchor is, under that step's scope. */
				gha_uses(f, st, mx, ws);
				continue;
			}
			sc = ARENA_PUSH(f->a, f->scopes, f->nscopes, f->capscopes);
			sc->line = st->pos.line;
			sc->mx = mx;
			swd = scalar(y_get(st, "working-directory"));
			if (!swd)
				swd = jwd;
			if (swd)
				sc->wd = (struct ev_word){ swd, !strstr(swd, "${{") ||
							   gha_expr_is(swd, "github.workspace") };
			sc->env = je;
			sc->ws = ws;
			env_of(f, y_get(st, "env"), NULL, &sc->env);
			env_setting(f, y_get(st, "env"), mx);
			gha_uses(f, st, mx, ws);
		}
	}
}

/* COMPOSE_FILE in any mapping of a CI file that is not GitHub's
 * (GitLab variables:, ...). */
static void ci_env_walk(struct file_ctx *f, const struct y_node *n, int depth)
{
	if (!n || depth > MAX_YAML_DEPTH)
		return;
	if (n->kind == Y_SEQ)
		for (size_t i = 0; i < n->nitems; i++)
			ci_env_walk(f, n->items[i], depth + 1);
	if (n->kind != Y_MAP)
		return;
	if (y_get(n, "COMPOSE_FILE") || y_get(n, "COMPOSE_PROJECT_NAME") ||
	    y_get(n, "COMPOSE_PROFILES"))
		env_setting(f, n, NULL);
	for (size_t i = 0; i < n->npairs; i++)
		ci_env_walk(f, n->pairs[i].value, depth + 1);
}

/* .goreleaser.yml: dockers: (dockerfile, build_flag_templates --target,
 * image_templates) and dockers_v2: (dockerfile). The context is the
 * staging folder GoReleaser makes: unknown. */
static void goreleaser_pass(struct file_ctx *f, const struct y_node *doc)
{
	static const char *const keys[] = { "dockers", "dockers_v2" };

	for (size_t k = 0; k < 2; k++) {
		const struct y_node *list = y_get(doc, keys[k]);

		if (!list || list->kind != Y_SEQ)
			continue;
		for (size_t i = 0; i < list->nitems; i++) {
			const struct y_node *d = list->items[i], *flags, *imgs;
			const char *df;
			struct build_use *u;

			if (!d || d->kind != Y_MAP)
				continue;
			df = scalar(y_get(d, "dockerfile"));
			if (!(u = new_build(f)))
				return;
			set_where(f, NULL, d->pos.line, NULL, 0, false, &u->at);
			u->at.base = f->dir;
			u->at.base_how = EV_BASE_KNOWN;
			u->tool = "goreleaser";
			u->dockerfile_given = df != NULL;
			if (!df)
				df = "Dockerfile";
			u->dockerfile = strstr(df, "{{") ? (struct ev_str){ df, false }
				: (struct ev_str){ path_join(f->a, f->dir, df), true };
			flags = y_get(d, "build_flag_templates");
			for (size_t j = 0; flags && flags->kind == Y_SEQ && j < flags->nitems; j++) {
				const char *s = scalar(flags->items[j]);

				if (s && !strncmp(s, "--target=", 9))
					u->target = (struct ev_str){ s + 9, !strstr(s, "{{") };
				else if (s && str_eq(s, "--target") && j + 1 < flags->nitems &&
					 scalar(flags->items[j + 1]))
					u->target = (struct ev_str){ scalar(flags->items[j + 1]),
								     !strstr(scalar(flags->items[j + 1]), "{{") };
			}
			imgs = y_get(d, "image_templates");
			for (size_t j = 0; imgs && imgs->kind == Y_SEQ && j < imgs->nitems; j++) {
				const char *s = scalar(imgs->items[j]);
				size_t cap = u->ntags;

				if (s)
					push_str(f->a, &u->tags, &u->ntags, &cap,
						 (struct ev_str){ s, !strstr(s, "{{") });
			}
		}
	}
}

/* --- .env -------------------------------------------------------------- */

static void scan_dotenv(struct file_ctx *f, const char *t, size_t len)
{
	struct compose_env e = { 0 };
	struct session ss;
	unsigned line = 0;

	for (size_t i = 0; i < len;) {
		const char *nl = memchr(t + i, '\n', len - i);
		size_t end = nl ? (size_t)(nl - t) : len, k = i, ks, ke, vs, ve;
		struct ev_word v;

		line++;
		while (k < end && (t[k] == ' ' || t[k] == '\t'))
			k++;
		if (end - k > 7 && !strncmp(t + k, "export ", 7))
			for (k += 7; k < end && t[k] == ' '; k++)
				;
		for (ks = k; k < end && is_ident(t[k]); k++)
			;
		ke = k;
		while (k < end && (t[k] == ' ' || t[k] == '\t'))
			k++;
		if (ke == ks || k >= end || (t[k] != '=' && t[k] != ':') ||
		    !compose_var(t + ks, ke - ks)) {
			i = end + 1;
			continue;
		}
		for (vs = k + 1; vs < end && (t[vs] == ' ' || t[vs] == '\t'); vs++)
			;
		if (vs < end && (t[vs] == '\'' || t[vs] == '"')) {
			const char *q = memchr(t + vs + 1, t[vs], end - vs - 1);

			ve = q ? (size_t)(q - t) : end;
			v.s = arena_strndup(f->a, t + vs + 1, ve - vs - 1);
			v.known = t[vs] == '\'' || !has_expansion(v.s);
		} else {
			for (ve = vs; ve < end && !(t[ve] == '#' && ve > vs &&
						   (t[ve - 1] == ' ' || t[ve - 1] == '\t')); ve++)
				;
			v.s = trim(f->a, t + vs, ve - vs);
			v.known = !has_expansion(v.s);
		}
		env_set_var(&e, t + ks, ke - ks, v, line);
		i = end + 1;
	}
	session_init(f, &ss, 1);
	record_setting(f, &ss, &e);
}

/* --- files ------------------------------------------------------------- */

static bool md_name(const char *path)
{
	const char *b = path_last(path);
	size_t bl = strlen(b);

	if (!((bl > 3 && !strcasecmp(b + bl - 3, ".md")) ||
	      (bl > 9 && !strcasecmp(b + bl - 9, ".markdown"))))
		return false;
	if (!strncasecmp(b, "README", 6))
		return true;
	if (!strncasecmp(b, "CHANGELOG", 9) || !strncasecmp(b, "CHANGES", 7) ||
	    !strncasecmp(b, "HISTORY", 7) || !strncasecmp(b, "RELEASE", 7))
		return false;
	if (b == path)
		return true;	/* at the top */
	for (const char *p = path; p < b;) {
		const char *slash = strchr(p, '/');
		size_t n = (size_t)(slash - p);

		if ((n == 4 && !strncasecmp(p, "docs", 4)) || (n == 3 && !strncasecmp(p, "doc", 3)) ||
		    (n == 13 && !strncasecmp(p, "documentation", 13)))
			return true;
		p = slash + 1;
	}
	return false;
}

int evidence_kind_of(const char *path)
{
	const char *b = path_last(path);
	size_t bl = strlen(b);

	switch (script_kind_of(path)) {
	case SCRIPT_SHELL:
		return EV_SHELL;
	case SCRIPT_MAKEFILE:
		return EV_MAKEFILE;
	case SCRIPT_CI_YAML:
		return EV_CI;
	case SCRIPT_JENKINSFILE:
		return EV_JENKINSFILE;
	default:
		break;
	}
	if (!strcasecmp(b, "Taskfile.yml") || !strcasecmp(b, "Taskfile.yaml") ||
	    !strcasecmp(b, "Taskfile.dist.yml") || !strcasecmp(b, "Taskfile.dist.yaml"))
		return EV_TASKFILE;
	if (str_eq(b, ".goreleaser.yml") || str_eq(b, ".goreleaser.yaml") ||
	    str_eq(b, "goreleaser.yml") || str_eq(b, "goreleaser.yaml"))
		return EV_GORELEASER;
	if (str_eq(b, ".env") || !strncmp(b, ".env.", 5) || (bl > 4 && str_eq(b + bl - 4, ".env")))
		return EV_DOTENV;
	if (str_eq(b, "package.json"))
		return EV_PACKAGE_JSON;
	if (md_name(path))
		return EV_MARKDOWN;
	return -1;
}

/* A package.json script that runs a container tool, at its line. */
struct pj_script {
	unsigned line;
	const char *cmd;
};

static int pj_cmp(const void *a, const void *b)
{
	const struct pj_script *x = a, *y = b;

	return (x->line > y->line) - (x->line < y->line);
}

/*
 * package.json's scripts (npm-run-script(1): sh -c in the package's
 * folder), as a shell script that holds each one at its line: a script
 * whose key is not found after "scripts", or that shares a line, is left
 * out.
 */
static void scan_package_json(struct file_ctx *f, const char *text, size_t len)
{
	const char *from = memmem(text, len, "\"scripts\"", 9), *key;
	json_t *root = from ? json_loadb(text, len, JSON_DISABLE_EOF_CHECK, NULL) : NULL, *v;
	struct pj_script *sv = NULL;
	size_t n = 0, cap = 0;
	struct strbuf sb = STRBUF_INIT;
	unsigned at = 1, last = 0;

	if (!root)
		return;
	json_object_foreach(json_object_get(root, "scripts"), key, v) {
		const char *cmd = json_string_value(v), *q, *k;
		unsigned line = 1;

		if (!cmd ||
		    (!strstr(cmd, "docker") && !strstr(cmd, "podman") && !strstr(cmd, "buildah")))
			continue;
		k = arena_printf(f->a, "\"%s\"", key);
		if (!(q = memmem(from, len - (size_t)(from - text), k, strlen(k))))
			continue;
		for (const char *p = text; p < q; p++)
			line += *p == '\n';
		*ARENA_PUSH(f->a, sv, n, cap) = (struct pj_script){ line, arena_strdup(f->a, cmd) };
	}
	json_decref(root);
	if (n)
		qsort(sv, n, sizeof(*sv), pj_cmp);
	for (size_t i = 0; i < n; i++) {
		if (sv[i].line <= last)
			continue;
		for (; at < sv[i].line; at++)
			strbuf_addch(&sb, '\n');
		for (const char *p = sv[i].cmd; *p; p++)
			strbuf_addch(&sb, *p == '\n' || *p == '\r' ? ' ' : *p);
		last = sv[i].line;
	}
	if (sb.len) {
		struct script s = { f->display, arena_strndup(f->a, sb.buf, sb.len), sb.len, 0,
				    SCRIPT_SHELL };

		scan_commands(f, &s);
	}
	strbuf_release(&sb);
}

/* The raw URLs of GitHub files in text: each file's REF/PATH, and the line
 * it is on. The URL ends at a space, a quote or a bracket. */
static void scan_downloads(struct file_ctx *f, const char *text, size_t len)
{
	static const char host[] = "raw.githubusercontent.com/";
	const char *end = text + len;
	unsigned line = 1;
	const char *counted = text;

	for (const char *p = text; p < end;) {
		const char *u = memmem(p, (size_t)(end - p), host, sizeof(host) - 1), *t;
		size_t n, slashes = 0;

		if (!u || f->out->ndownloads >= EV_MAX_USES)
			return;
		for (; counted < u; counted++)
			line += *counted == '\n';
		t = u + sizeof(host) - 1;
		n = strcspn(t, " \t\r\n\"'`)]>|;&\\");
		if (t + n > end)
			n = (size_t)(end - t);
		p = t + n;
		/* OWNER/REPO/ then what follows */
		for (size_t i = 0; i < n && slashes < 2; i++)
			if (t[i] == '/' && ++slashes == 2) {
				*ARENA_PUSH(f->a, f->out->downloads, f->out->ndownloads,
					    f->out->capdownloads) = (struct download_use){
					{ f->display, line, f->source, f->dir, EV_BASE_KNOWN },
					arena_strndup(f->a, t + i + 1, n - i - 1) };
			}
	}
}

static void do_file(struct file_ctx *f, const char *text, size_t len)
{
	struct script s = { f->display, text, len, 0, SCRIPT_SHELL };
	struct y_node *doc = NULL;
	struct y_error err;

	if (f->source != EV_DOTENV && memmem(text, len, "raw.githubusercontent.com/", 26))
		scan_downloads(f, text, len);

	switch (f->source) {
	case EV_SHELL:
		break;
	case EV_MAKEFILE:
		s.kind = SCRIPT_MAKEFILE;
		if (memmem(text, len, "=", 1))
			scan_make_vars(f, text, len);
		break;
	case EV_CI:
	case EV_TASKFILE:
		s.kind = SCRIPT_CI_YAML;
		if (f->source == EV_CI && y_load(f->a, f->display, text, len, &doc, &err) == 0 && doc) {
			if (f->gha)
				gha_pass(f, doc);
			else
				ci_env_walk(f, doc, 0);
		}
		break;
	case EV_JENKINSFILE:
		s.kind = SCRIPT_JENKINSFILE;
		break;
	case EV_MARKDOWN:
		s.kind = SCRIPT_MARKDOWN;
		break;
	case EV_DOTENV:
		if (memmem(text, len, "COMPOSE_", 8))
			scan_dotenv(f, text, len);
		return;
	case EV_GORELEASER:
		if (memmem(text, len, "docker", 6) && y_load(f->a, f->display, text, len, &doc, &err) == 0 &&
		    doc && doc->kind == Y_MAP)
			goreleaser_pass(f, doc);
		return;
	case EV_PACKAGE_JSON:
		if (memmem(text, len, "docker", 6) || memmem(text, len, "podman", 6) ||
		    memmem(text, len, "buildah", 7))
			scan_package_json(f, text, len);
		return;
	}
	scan_commands(f, &s);
}

static void file_init(struct file_ctx *f, struct arena *a, struct evidence *out,
		      const struct dir_node *root, const char *rootpath, const char *rel,
		      const char *display, enum ev_source kind, size_t *probes)
{
	memset(f, 0, sizeof(*f));
	f->probes = probes;
	f->a = a;
	f->out = out;
	f->root = root;
	f->rootpath = rootpath;
	f->path = path_join(a, rootpath, rel);
	f->display = display;
	f->dir = path_dir(a, f->path);
	if (str_eq(f->path, rootpath))
		f->dir = rootpath;
	f->source = kind;
	/* A workflow: .github/workflows/NAME.yml, at any depth. */
	f->gha = kind == EV_CI && (!strncmp(rel, ".github/workflows/", 18) ||
				   strstr(rel, "/.github/workflows/"));
}

void evidence_from_buffer(struct arena *a, const char *path, enum ev_source kind,
			  const char *buf, size_t len, struct evidence *out)
{
	struct file_ctx f;
	char *text = arena_strndup(a, buf, len);
	size_t probes = 0;

	file_init(&f, a, out, NULL, ".", path_clean(a, path), path, kind, &probes);
	out->nfiles++;
	do_file(&f, text, len);
}

struct walker {
	struct arena *a;
	struct evidence *out;
	const struct dir_node *root;
	const char *rootpath;
	size_t probes;
};

/* The files that are not scripts (Markdown, .env, Taskfile, GoReleaser),
 * in walk order. */
static void walk(struct walker *w, const struct dir_node *node, const char *rel)
{
	if (node->depth > MAX_DEPTH)
		return;
	for (size_t i = 0; i < node->n; i++) {
		const char *name = node->ents[i].name;
		const char *r = str_eq(rel, ".") ? name : arena_path_join(w->a, rel, name);
		const char *path;
		unsigned char type = node->ents[i].type;
		int kind;
		struct stat st;

		if (type == DT_DIR) {
			if (node->sub[i])
				walk(w, node->sub[i], r);
			continue;
		}
		kind = evidence_kind_of(r);
		if (kind != EV_MARKDOWN && kind != EV_DOTENV && kind != EV_TASKFILE &&
		    kind != EV_GORELEASER && kind != EV_PACKAGE_JSON)
			continue;
		if (type != DT_REG && type != DT_LNK && type != DT_UNKNOWN)
			continue;
		/* A symlink counts when it leads to a regular file. */
		path = arena_path_join(w->a, node->path, name);
		if (stat(path, &st) < 0 || !S_ISREG(st.st_mode) ||
		    st.st_size > (off_t)EV_MAX_FILE_BYTES)
			continue;
		if (w->out->nfiles >= EV_MAX_FILES) {
			w->out->limited = true;
			return;
		}
		{
			const char *why;
			size_t len;
			char *buf = read_file(w->a, path, &len, &why);
			struct file_ctx f;

			if (!buf || memchr(buf, '\0', len))
				continue;
			w->out->nfiles++;
			file_init(&f, w->a, w->out, w->root, w->rootpath, r, display_path(w->a, path),
				  (enum ev_source)kind, &w->probes);
			do_file(&f, buf, len);
		}
	}
}

void evidence_collect_with(struct arena *a, const struct dir_node *root,
			   const struct script_set *scripts, struct evidence *out)
{
	struct script_set own = { 0 };
	struct walker w;
	const char *droot;
	size_t dl;

	if (!root)
		return;
	if (!scripts) {
		scripts_discover_tree(a, root, &own);
		scripts = &own;
	}
	w.a = a;
	w.out = out;
	w.probes = 0;
	w.root = root;
	w.rootpath = path_clean(a, root->path);
	droot = path_clean(a, display_path(a, root->path));
	dl = strlen(droot);
	/* The scripts under root, as the set names them (display paths). */
	for (size_t i = 0; i < scripts->n; i++) {
		const struct script *s = &scripts->scripts[i];
		const char *rel;
		struct file_ctx f;
		int kind;

		if (str_eq(droot, ".") && s->path[0] != '/' && strncmp(s->path, "../", 3))
			rel = s->path;
		else if (!strncmp(s->path, droot, dl) && s->path[dl] == '/')
			rel = s->path + dl + 1;
		else
			continue;
		kind = s->kind == SCRIPT_MAKEFILE ? EV_MAKEFILE
		       : s->kind == SCRIPT_CI_YAML ? EV_CI
		       : s->kind == SCRIPT_JENKINSFILE ? EV_JENKINSFILE
		       : s->kind == SCRIPT_MARKDOWN ? EV_MARKDOWN : EV_SHELL;
		out->nfiles++;
		file_init(&f, a, out, root, w.rootpath, path_clean(a, rel), s->path,
			  (enum ev_source)kind, &w.probes);
		do_file(&f, s->text, s->len);
	}
	walk(&w, root, ".");
}

void evidence_collect(struct arena *a, const struct dir_node *root, struct evidence *out)
{
	evidence_collect_with(a, root, NULL, out);
}
