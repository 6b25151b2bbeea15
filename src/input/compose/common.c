/* Shared by the loader's files: the tree helpers that are not inline,
 * errors said once, and paths resolved per file. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>

#include "input/compose/load.h"
#include "util/die.h"
#include "util/strbuf.h"

const char *const base_names[] = {
	"compose.yaml", "compose.yml", "docker-compose.yml", "docker-compose.yaml",
};
const char *const override_names[] = {
	"compose.override.yml", "compose.override.yaml", "docker-compose.override.yml",
	"docker-compose.override.yaml",
};

const char null_tag[] = "tag:yaml.org,2002:null";

bool ld_is_regular_file(const char *p)
{
	struct stat st;

	return !stat(p, &st) && S_ISREG(st.st_mode);
}

/* Build contexts Compose leaves alone: URLs and git references. */
bool ld_is_remote(const char *s)
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

static void ld_verror(struct ld *L, const char *file, unsigned line, unsigned col,
		      const char *fmt, va_list ap) __attribute__((format(printf, 5, 0)));

static void ld_verror(struct ld *L, const char *file, unsigned line, unsigned col,
		      const char *fmt, va_list ap)
{
	char msg[1024];
	const char *key;

	vsnprintf(msg, sizeof(msg), fmt, ap);
	L->errors++;
	/* The same problem met twice (a file included twice) is said once. */
	key = arena_printf(L->a, "%s:%u:%u:%s", file ? file : "", line, col, msg);
	if (smap_find(&L->said, key))
		return;
	smap_put(&L->said, key, 0);
	report_error_col(L->r, file ? arena_strdup(L->r->a, file) : NULL, line, col, "%s", msg);
}

void ld_error(struct ld *L, const struct y_node *at, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

void ld_error(struct ld *L, const struct y_node *at, const char *fmt, ...)
{
	va_list ap;

	/* Broken only because a variable the deployment sets is empty here. */
	if (at && L->checkout && smap_find(&L->emptied, arena_printf(L->a, "%p", (const void *)at))) {
		char msg[1024];

		va_start(ap, fmt);
		vsnprintf(msg, sizeof(msg), fmt, ap);
		va_end(ap);
		report_note(L->r, at->pos.file ? arena_strdup(L->r->a, at->pos.file) : NULL,
			    "line %u: %s (a variable not set here left it empty; not checked)",
			    at->pos.line, msg);
		return;
	}
	va_start(ap, fmt);
	ld_verror(L, at ? at->pos.file : NULL, at ? at->pos.line : 0, at ? at->pos.col : 0, fmt, ap);
	va_end(ap);
}

void ld_error_at(struct ld *L, const char *file, unsigned line, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));

void ld_error_at(struct ld *L, const char *file, unsigned line, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	ld_verror(L, file, line, 0, fmt, ap);
	va_end(ap);
}

void ld_error_pos(struct ld *L, struct y_pos pos, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	ld_verror(L, pos.file, pos.line, pos.col, fmt, ap);
	va_end(ap);
}

void ld_too_deep(struct ld *L, const struct y_node *at)
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
const char *ld_resolve_at(const struct ld *L, const struct y_node *n, const char *p)
{
	if (is_abs(p))
		return path_clean(L->a, p);
	return path_join(L->a, base_dir_of(L, n->pos.file), p);
}

const char *ld_path_str(struct arena *a, const struct path *p)
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
