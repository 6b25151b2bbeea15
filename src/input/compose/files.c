/* Reading one file: text, YAML, nulls marked, interpolation, identity. */

#include "input/compose/load.h"

#include <ctype.h>
#include <dirent.h>

#include "util/readfile.h"
#include "util/str.h"
#include "util/strbuf.h"

/* In a checkout, n's text lost a part to a variable with no value. */
static void mark_emptied(struct ld *L, const struct y_node *n)
{
	if (L->checkout && n)
		smap_put(&L->emptied, arena_printf(L->a, "%p", (const void *)n), 0);
}

static void on_unset(void *ctx, const char *name, const struct y_node *n)
{
	struct ld *L = ((struct interp_ctx *)ctx)->L;
	const char *file = n && n->pos.file ? n->pos.file : "";
	unsigned line = n ? n->pos.line : 0;
	struct unset_var *u;
	size_t *at;
	char *key;

	mark_emptied(L, n);

	/* Once per place: a file loaded twice (extends, includes) warns once. */
	key = arena_printf(L->a, "%s:%u:%u:%s", file, line, n ? n->pos.col : 0, name);
	if (smap_find(&L->unset_seen, key))
		return;
	smap_put(&L->unset_seen, key, 0);

	/* Once per variable and file: the later lines go in its message. */
	key = arena_printf(L->a, "%s\n%s", file, name);
	if ((at = smap_find(&L->unset_idx, key))) {
		u = &L->unset[*at - 1];
		if (line != u->line && (!u->nlines || u->lines[u->nlines - 1] != line))
			*ARENA_PUSH(L->a, u->lines, u->nlines, u->caplines) = line;
		return;
	}
	u = ARENA_PUSH(L->a, L->unset, L->nunset, L->capunset);
	memset(u, 0, sizeof(*u));
	u->file = file;
	u->name = arena_strdup(L->a, name);
	u->line = line;
	u->col = n ? n->pos.col : 0;
	smap_put(&L->unset_idx, key, L->nunset);
}

/* An example env file a repository documents its variables in:
 * .env.example, .env.sample, .env.dist, env.example, .env.template, the
 * same of a named env file (env.deploy.example, prod.env.sample), and a
 * named env file the README copies to .env (deploy.env): Compose loads
 * none of them by itself. */
static bool is_example_env(const char *name)
{
	static const char *const ends[] = { ".example", ".sample", ".dist", ".template", NULL };

	if (strcmp(name, ".env") && str_ends_with(name, ".env"))
		return true;
	if (strncmp(name, ".env", 4) && strncmp(name, "env.", 4) && !strstr(name, ".env."))
		return false;
	for (size_t i = 0; ends[i]; i++)
		if (strcmp(name, ends[i]) && str_ends_with(name, ends[i]))
			return true;
	return false;
}

/* The names an example env file lists: NAME=..., export NAME=..., NAME:
 * ..., and the same commented out (# NAME=), as examples list optional
 * ones. */
static void read_example(struct ld *L, const char *buf, size_t len, struct smap *names)
{
	const char *p, *end;

	for (p = buf, end = buf + len; p < end; p++) {
		const char *nl = memchr(p, '\n', (size_t)(end - p)), *s = p, *name;

		if (!nl)
			nl = end;
		while (s < nl && (*s == ' ' || *s == '\t' || *s == '#'))
			s++;
		if ((size_t)(nl - s) > 7 && !strncmp(s, "export ", 7))
			s += 7;
		name = s;
		while (s < nl && (*s == '_' || (*s >= 'A' && *s <= 'Z') || (*s >= 'a' && *s <= 'z') ||
				  (s > name && *s >= '0' && *s <= '9')))
			s++;
		if (s > name) {
			const char *k = arena_strndup(L->a, name, (size_t)(s - name));

			while (s < nl && (*s == ' ' || *s == '\t'))
				s++;
			if (s < nl && (*s == '=' || *s == ':'))
				smap_put(names, k, 0);
		}
		p = nl;
	}
}

/* A setup script writes .env, or links it to the file it writes
 * (mailcow's generate_config.sh: cat <<EOF > mailcow.conf, ln -s
 * mailcow.conf .env): its NAME= lines are the variables every install
 * sets. */
static bool writes_env(const char *buf, size_t len)
{
	const char *p = buf, *end = buf + len;

	while (p < end) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		size_t n = nl ? (size_t)(nl - p) + 1 : (size_t)(end - p);
		char line[512];
		const char *e;

		if (n < sizeof(line) && memchr(p, '.', n)) {
			memcpy(line, p, n);
			line[n] = '\0';
			/* .env as a word, on a line that links or redirects */
			for (e = strstr(line, ".env"); e; e = strstr(e + 1, ".env"))
				if ((e == line || strchr(" /\"'>", e[-1])) &&
				    !isalnum((unsigned char)e[4]) && !strchr("._-", e[4]) &&
				    (strstr(line, "ln -s") || strchr(line, '>') ||
				     strstr(line, "tee ")))
					return true;
		}
		p += n;
	}
	return false;
}

/* The names documented by the example env files of folder dir, read once. */
static const struct smap *documented_in(struct ld *L, const char *dir)
{
	size_t *at = smap_find(&L->doc_dirs, dir);
	struct smap *names;
	DIR *d;

	if (at)
		return &L->documented[*at - 1];
	names = ARENA_PUSH(L->a, L->documented, L->ndocumented, L->capdocumented);
	*names = (struct smap)SMAP_INIT;
	smap_put(&L->doc_dirs, dir, L->ndocumented);
	if ((d = opendir(dir))) {
		struct dirent *e;

		/* Only a set of names: the order does not matter. */
		while ((e = readdir(d))) {
			bool example = is_example_env(e->d_name);
			const char *p, *why;
			size_t len;
			char *buf;

			if (!example && (!strcmp(e->d_name, ".sh") || !str_ends_with(e->d_name, ".sh")))
				continue;
			p = path_join(L->a, dir, e->d_name);
			if (!ld_is_regular_file(p) || !(buf = read_file(L->a, p, &len, &why)))
				continue;
			if (example || writes_env(buf, len))
				read_example(L, buf, len, names);
		}
		closedir(d);
	}
	return names;
}

static bool documented(struct ld *L, const struct unset_var *u)
{
	if (L->nofs)
		return false;
	if (smap_find(documented_in(L, path_dir(L->a, u->file[0] ? u->file : ".")), u->name))
		return true;
	return L->projdir && smap_find(documented_in(L, L->projdir), u->name);
}

/* At most this many other lines are listed, then "and N more". */
#define UNSET_LINES_SHOWN 4

void ld_report_unset(struct ld *L)
{
	struct strbuf also = STRBUF_INIT;

	for (size_t i = 0; i < L->nunset; i++) {
		const struct unset_var *u = &L->unset[i];

		if (documented(L, u))
			continue;
		strbuf_reset(&also);
		for (size_t j = 0; j < u->nlines && j < UNSET_LINES_SHOWN; j++)
			strbuf_addf(&also, "%s%u", j ? ", " : u->nlines > 1 ? " (also lines " :
				    " (also line ", u->lines[j]);
		if (u->nlines > UNSET_LINES_SHOWN)
			strbuf_addf(&also, " and %zu more", u->nlines - UNSET_LINES_SHOWN);
		if (u->nlines)
			strbuf_addch(&also, ')');
		report_add(L->r, &SW0051, u->file[0] ? arena_strdup(L->r->a, u->file) : NULL,
			   u->line, u->col, u->line, u->col,
			   "variable %s is not set and has no default: Compose substitutes an empty "
			   "string%s", u->name, also.len ? also.buf : "");
	}
	strbuf_release(&also);
}

/* A checkout only: ${V:?msg} guards a deployment, whose shell or
 * uncommitted .env sets V; here V is empty and the file still checked. */
static void on_required(void *ctx, const char *name, const struct y_node *n)
{
	struct ld *L = ((struct interp_ctx *)ctx)->L;

	mark_emptied(L, n);
	report_note(L->r, n && n->pos.file ? arena_strdup(L->r->a, n->pos.file) : NULL,
		    "required variable %s is not set here (the deployment sets it): checked "
		    "as empty", name);
}

/* A value of the process environment went into the file: shown as ${name}
 * in what is printed (docs/architecture.md, The checked tree). */
static void on_process(void *ctx, const char *name, const char *value)
{
	report_redact(((struct interp_ctx *)ctx)->L->r, name, value);
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
		ld_too_deep(L, n);
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

const char *ld_file_id(struct ld *L, const char *path)
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

/* Reads and parses a file once (its documents merged), without
 * interpolating it; later calls return the same entry. NULL when it can't
 * be read or parsed (the error is reported). */
struct ld_file *ld_read_file(struct ld *L, const char *path, const char *dir,
			     const struct y_node *from)
{
	struct ld_file *f;
	struct y_error err;
	struct y_node *root = NULL, **docs;
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

		if (L->preread)
			buf = L->preread(L->preread_ctx, open_path, &len, &st);
		if (!buf)
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
	if (ndocs > MAX_DOCUMENTS) {
		const struct y_node *past = docs[MAX_DOCUMENTS];

		ld_error_at(L, path, past ? past->pos.line : 0, "too many YAML documents in one "
			    "compose file (limit %d)", MAX_DOCUMENTS);
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
		root = root ? ld_merge(L, root, docs[d], &dp, true) : docs[d];
	}
	f->root = root;
	return f;
}

/* Reads, parses and interpolates a file once; later calls return the same
 * entry. NULL when it can't be read, parsed or interpolated (the error is
 * reported). The entry's root is NULL for an empty document. */
struct ld_file *ld_load_file(struct ld *L, const char *path, const char *dir,
			     const struct env *env, const struct y_node *from)
{
	struct ld_file *f = ld_read_file(L, path, dir, from);
	struct interp_ctx ic = { L, 0 };
	struct interp_hooks hooks = { .unset = on_unset, .error = on_interp_error, .ctx = &ic,
				      .required = L->checkout ? on_required : NULL,
				      .process = on_process };

	if (!f || f->interpolated)
		return f;
	f->interpolated = true;
	f->env = env;
	if (!f->root)
		return f;
	interp_tree(L->a, f->root, env, &hooks);
	if (ic.errors) {
		f->failed = true;
		return NULL;
	}
	return f;
}

/* compose-go's projectName(): the last non-empty `name` of the files as
 * written, interpolated; NULL when none. */
const char *ld_name_of_files(struct ld *L, const char *const *paths, size_t n, const char *dir,
			     const struct env *env)
{
	const struct y_node *last = NULL;
	struct interp_ctx ic = { L, 0 };
	struct interp_hooks hooks = { .unset = on_unset, .error = on_interp_error, .ctx = &ic,
				      .required = L->checkout ? on_required : NULL,
				      .process = on_process };

	for (size_t i = 0; i < n; i++) {
		struct ld_file *f = ld_read_file(L, paths[i], dir, NULL);
		const struct y_node *v = f ? get(f->root, "name") : NULL;

		if (!f)
			break;	/* reported when it is loaded */
		if (str_of(v) && *v->str)
			last = v;
	}
	return last ? interp_string(L->a, last->str, env, &hooks, last) : NULL;
}
