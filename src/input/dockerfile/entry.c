#include "input/dockerfile/entry.h"

#include <dirent.h>
#include <errno.h>
#include <fnmatch.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "util/path.h"
#include "util/readfile.h"
#include "util/str.h"
#include "util/strbuf.h"

#define MAX_CHAIN 64
/* The guessed context and the folders above it, up to m->root. */
#define MAX_DIRS 5

/* A COPY/ADD source, with what does not depend on the path sought worked
 * out once: each is asked for many paths (a command is looked up in six
 * PATH folders). */
struct copy_src {
	const char *src;
	bool skip;		/* a URL, an empty word or a COPY <<EOF heredoc */
	bool glob;
	const char *base;	/* path_base(src) */
	const char *at;		/* dest resolved with base: where a file src lands */
	signed char kind[MAX_DIRS]; /* per context folder; -1 before it is asked */
};

struct copy_info {
	const struct m_instr *in;
	const struct m_stage *from;	/* COPY --from=stage: sources are its files */
	const char *dest;	/* resolved against the WORKDIR */
	bool dir_dest;
	struct copy_src *srcs;
	size_t nsrc;
};

struct follow {
	struct arena *a;
	const struct m_dockerfile *m;
	const struct m_stage *s;
	const char *dirs[MAX_DIRS];	/* context folders to try, in order */
	size_t ndirs;
	struct copy_info *copies;	/* COPY/ADD of the chain, last first */
	size_t ncopies;
	unsigned depth;			/* COPY --from stages followed to get here */
};

static int context_kind(const char *dir, const char *rel)
{
	struct strbuf path = STRBUF_INIT;
	struct stat st;
	int kind = -1;

	strbuf_addf(&path, "%s/%s", dir, rel);
	if (stat(path.buf, &st) == 0)
		kind = S_ISREG(st.st_mode) ? M_CONTEXT_FILE :
		       S_ISDIR(st.st_mode) ? M_CONTEXT_DIR : M_CONTEXT_OTHER;
	else
		kind = errno == ELOOP ? M_CONTEXT_OTHER : M_CONTEXT_NONE;
	strbuf_release(&path);
	return kind;
}

/* A context-relative source as a plain relative path, or NULL when it
 * leaves the context. */
static const char *context_rel(struct arena *a, const char *src)
{
	const char *r = path_clean(a, src);

	while (r[0] == '/')
		r++;
	if (!r[0] || !strcmp(r, "..") || !strncmp(r, "../", 3))
		return NULL;
	return r;
}

/* Whether the folder d lies below root (both as the run names them). */
static bool below(const char *d, const char *root)
{
	if (!strcmp(root, "."))
		return d[0] != '/' && strcmp(d, "..") && strncmp(d, "../", 3);
	return path_within(d, root);
}

static void copy_info_init(struct follow *f, const struct m_instr *in, struct copy_info *ci)
{
	size_t nsrc = in->nwords - 1;

	ci->in = in;
	ci->from = in->from_stage;
	ci->nsrc = nsrc;
	ci->dest = path_resolve(f->a, in->workdir, in->words[nsrc]);
	ci->dir_dest = nsrc > 1 || !*in->words[nsrc] ||
		       in->words[nsrc][strlen(in->words[nsrc]) - 1] == '/';
	ci->srcs = arena_alloc(f->a, nsrc * sizeof(*ci->srcs));
	for (size_t i = 0; i < nsrc; i++) {
		struct copy_src *cs = &ci->srcs[i];
		const char *src = in->words[i];

		memset(cs->kind, -1, sizeof(cs->kind));
		/* URLs and COPY <<EOF heredocs aren't context files; a --from
		 * source is a path of that stage */
		cs->skip = strstr(src, "://") || !*src || !strncmp(src, "<<", 2) ||
			   !(src = ci->from ? path_resolve(f->a, "/", src) : context_rel(f->a, src));
		cs->src = src;
		if (cs->skip)
			continue;
		cs->glob = path_has_glob(src);
		cs->base = path_base(f->a, src);
		if (!cs->glob)
			cs->at = path_resolve(f->a, ci->dest, cs->base);
	}
}

static void copies_init(struct follow *f)
{
	const struct m_stage *chain[MAX_CHAIN];
	size_t n = stage_chain(f->s, chain, MAX_CHAIN), cap = 0;

	for (size_t k = n; k > 0; k--) {
		const struct m_stage *s = chain[k - 1];

		for (size_t i = s->ninstrs; i > 1; i--) {
			const struct m_instr *in = &s->instrs[i - 1];

			if ((in->kind != K_COPY && in->kind != K_ADD) || in->nwords < 2 ||
			    (in->copy_from && !in->from_stage))
				continue;
			copy_info_init(f, in, ARENA_PUSH(f->a, f->copies, f->ncopies, cap));
		}
	}
}

/* A context file found for an image path. */
struct found {
	const char *dir;	/* the context folder */
	const char *rel;	/* the file within it */
	const struct m_instr *copy;
	bool missing;		/* a COPY names it, but the context has none */
	bool other;		/* ...has something that is no file (a symlink loop) */
};

/*
 * The context file a COPY/ADD put at path: `COPY x.sh /p`, `COPY x.sh
 * /dir/`, `COPY scripts/ /dir/`, `COPY . .`, `COPY *.sh /dir/`. pbase is
 * path_base(path).
 */
static bool find_source(struct follow *f, const char *path, struct found *out);

/* The context file behind path of stage `from`, which a COPY --from took. */
static bool source_in_stage(struct follow *f, const struct m_stage *from, const char *path,
			    struct found *out)
{
	struct follow sub = { .a = f->a, .m = f->m, .s = from, .ndirs = f->ndirs,
			      .depth = f->depth + 1 };

	if (sub.depth > 4)
		return false;
	memcpy(sub.dirs, f->dirs, sizeof(sub.dirs));
	copies_init(&sub);
	return find_source(&sub, path, out) && !out->missing;
}

static bool source_for(struct follow *f, struct copy_info *ci, const char *path,
		       const char *pbase, struct found *out)
{
	const char *dest = ci->dest;
	size_t dl = strlen(dest);

	if (ci->from) {
		for (size_t i = 0; i < ci->nsrc; i++) {
			const struct copy_src *cs = &ci->srcs[i];
			bool as_file = (!ci->dir_dest && str_eq(dest, path)) ||
				       (cs->at && str_eq(cs->at, path));

			if (cs->skip || cs->glob)
				continue;
			if (as_file && source_in_stage(f, ci->from, cs->src, out))
				return true;
			if (path_within(path, dest) && strcmp(path, dest) &&
			    source_in_stage(f, ci->from, arena_printf(f->a, "%s/%s",
					    strcmp(cs->src, "/") ? cs->src : "",
					    path + (dl > 1 ? dl + 1 : 1)), out))
				return true;
		}
		return false;
	}

	for (size_t i = 0; i < ci->nsrc; i++) {
		struct copy_src *cs = &ci->srcs[i];

		if (cs->skip)
			continue;
		if (cs->glob) {
			const char *sl = strrchr(cs->src, '/');
			const char *rel;

			if (fnmatch(cs->base, pbase, 0) ||
			    strcmp(path_resolve(f->a, dest, pbase), path))
				continue;
			rel = sl ? arena_printf(f->a, "%.*s%s", (int)(sl - cs->src + 1), cs->src,
						pbase) : pbase;
			for (size_t d = 0; d < f->ndirs; d++)
				if (context_kind(f->dirs[d], rel) == M_CONTEXT_FILE) {
					*out = (struct found){ f->dirs[d], rel, ci->in, false, false };
					return true;
				}
			continue;
		}
		{
			bool as_file = (!ci->dir_dest && str_eq(dest, path)) || str_eq(cs->at, path);
			/* a directory's contents land in dest */
			bool in_dir = path_within(path, dest) && strcmp(path, dest);
			bool named = false;

			if (!as_file && !in_dir)
				continue;
			for (size_t d = 0; d < f->ndirs; d++) {
				if (cs->kind[d] < 0)
					cs->kind[d] = (signed char)context_kind(f->dirs[d], cs->src);
				if (as_file && cs->kind[d] == M_CONTEXT_FILE) {
					*out = (struct found){ f->dirs[d], cs->src, ci->in, false, false };
					return true;
				}
				if (as_file && cs->kind[d] == M_CONTEXT_OTHER) {
					/* a FIFO, a symlink loop: nothing to read */
					*out = (struct found){ f->dirs[d], cs->src, ci->in, true, true };
					return true;
				}
				if (in_dir && cs->kind[d] == M_CONTEXT_DIR) {
					const char *rel = arena_printf(f->a, "%s/%s", cs->src,
								       path + (dl > 1 ? dl + 1 : 1));
					int k = context_kind(f->dirs[d], rel);

					if (k == M_CONTEXT_FILE || k == M_CONTEXT_OTHER) {
						*out = (struct found){ f->dirs[d], rel, ci->in,
								       k != M_CONTEXT_FILE,
								       k != M_CONTEXT_FILE };
						return true;
					}
				}
				named |= as_file && cs->kind[d] != M_CONTEXT_NONE;
			}
			if (as_file && !named && !cs->glob) {
				/* COPY start.sh /start.sh with no start.sh. */
				*out = (struct found){ f->dirs[0], cs->src, ci->in, true, false };
				return true;
			}
		}
	}
	return false;
}

/* The context file the last COPY/ADD of the chain put at path. */
static bool find_source(struct follow *f, const char *path, struct found *out)
{
	const char *pbase = path_base(f->a, path);

	for (size_t i = 0; i < f->ncopies; i++)
		if (source_for(f, &f->copies[i], path, pbase, out))
			return true;
	return false;
}

/* entry_fs.read over the build context: the file the last COPY or ADD of
 * the chain put at path. */
static enum entry_status ctx_read(void *ctx, struct arena *a, const char *path,
				  const char *runner, bool on_path, struct entry_file *out)
{
	struct follow *f = ctx;
	struct found src;
	const char *file, *why;
	char *text;
	size_t len;

	(void)a;	/* f->a: what the checks read lives as long as the model */
	(void)on_path;	/* what COPY does not put there is the base image's */
	if (!find_source(f, path, &src))
		return ENTRY_NONE;
	file = arena_path_join(f->a, src.dir, src.rel);
	out->display = display_path(f->a, path_clean(f->a, file));
	if (src.missing) {
		out->note_file = f->m->path;
		out->note_line = src.copy->node->start.line;
		out->why = arena_printf(f->a, "%s runs %s, which this COPY takes from %s; %s",
					runner, path, out->display,
					src.other ? "that is no regular file (a symlink loop, "
						    "a FIFO...), not followed" :
						    "the build context has no such file to read");
		return ENTRY_MISSING;
	}
	text = read_file(f->a, file, &len, &why);
	if (!text) {
		out->why = why;
		return ENTRY_UNREAD;
	}
	out->text = text;
	out->len = len;
	return ENTRY_TEXT;
}

static bool ctx_reaches(void *ctx, const char *dir)
{
	struct follow *f = ctx;

	for (size_t i = 0; i < f->ncopies; i++)
		if (path_within(dir, f->copies[i].dest) || path_within(f->copies[i].dest, dir))
			return true;
	return false;
}

static const char **ctx_list(void *ctx, struct arena *a, const char *dir, size_t *n);

/* The context folders to try: the one the build uses, then, as that may
 * be a guess or a stale build command, the Dockerfile's folder and those
 * above it, up to the folder checked. */
static void context_dirs(struct follow *f)
{
	const struct m_dockerfile *m = f->m;
	const char *d = path_dir(f->a, m->path), *shown = display_dir(f->a, d);

	f->dirs[f->ndirs++] = m->dir;
	if (!m->root)
		return;
	for (;;) {
		if (strcmp(display_dir(f->a, m->dir), shown))
			f->dirs[f->ndirs++] = d;
		if (f->ndirs == MAX_DIRS || !below(shown, m->root) || !strcmp(shown, m->root) ||
		    !strcmp(shown, ".") || !strcmp(d, "/"))
			break;
		d = path_dir(f->a, d);
		shown = display_dir(f->a, d);
	}
}

/* The build context's files through the COPY and ADD of s's chain, as
 * an entry_fs; NULL when the stage has none. */
static struct follow *follow_new(struct arena *a, const struct m_dockerfile *m,
				 const struct m_stage *s, struct entry_fs *fs)
{
	/* The checks read from it after this returns (a supervisord config). */
	struct follow *f = arena_alloc(a, sizeof(*f));

	*f = (struct follow){ .a = a, .m = m, .s = s };
	context_dirs(f);
	copies_init(f);
	*fs = (struct entry_fs){ f, ctx_read, ctx_reaches, ctx_list };
	return f;
}

bool m_stage_fs(struct arena *a, const struct m_dockerfile *m, const struct m_stage *s,
		struct entry_fs *out)
{
	memset(out, 0, sizeof(*out));
	return s && m->dir && follow_new(a, m, s, out)->ncopies;
}

void m_run_follow(struct arena *a, const struct m_dockerfile *m, const struct entry_fs *fs,
		  const struct m_instr *run, struct entry_set *out)
{
	struct entry_root root;

	memset(out, 0, sizeof(*out));
	if (!run || !fs->ctx || run->kind != K_RUN)
		return;
	root = (struct entry_root){
		.sh = &run->sh, .cwd = run->workdir ? run->workdir : "/",
		.runner = "RUN",
		.at = arena_printf(a, "RUN at %s:%u", m->path, run->node->start.line),
		.origin = run,
	};
	entry_follow(a, fs, &root, 1, false, out);
}

void m_entry_follow(struct arena *a, const struct m_dockerfile *m, const struct m_stage *s,
		    struct entry_set *out)
{
	struct follow *f;
	const struct m_instr *ep, *cmd, *in[2];
	struct entry_root *roots;
	struct entry_fs fs;
	size_t n = 0;

	memset(out, 0, sizeof(*out));
	if (!s || !m->dir)
		return;
	f = follow_new(a, m, s, &fs);
	m_stage_runs(s, &ep, &cmd);
	in[0] = ep;
	in[1] = cmd;
	roots = arena_alloc(a, 2 * sizeof(*roots));
	for (size_t i = 0; i < 2; i++) {
		if (!in[i] || !f->ncopies)
			continue;
		roots[n++] = (struct entry_root){
			.sh = &in[i]->sh, .cwd = in[i]->workdir ? in[i]->workdir : "/",
			.scripts_cwd = s->workdir ? s->workdir : "/",
			.runner = in[i]->kind == K_ENTRYPOINT ? "ENTRYPOINT" : "CMD",
			.at = arena_printf(a, "%s at %s:%u", in[i]->kind == K_ENTRYPOINT ?
					   "ENTRYPOINT" : "CMD", m->path, in[i]->node->start.line),
			.via = in[i]->kind == K_ENTRYPOINT ? 'E' : 'C', .origin = in[i],
		};
	}
	entry_follow(a, &fs, roots, n, false, out);
}

static int cmp_name(const void *x, const void *y)
{
	return strcmp(*(const char *const *)x, *(const char *const *)y);
}

/* entry_fs.list over the build context: the names COPY or ADD put in
 * image_dir (files copied into it, entries of context folders copied
 * over it). */
static const char **ctx_list(void *ctx, struct arena *a, const char *image_dir, size_t *n)
{
	struct follow *fp = ctx, f = *fp;
	const char **names = NULL;
	size_t cap = 0, out = 0;

	*n = 0;
	for (size_t i = 0; i < f.ncopies; i++) {
		const struct copy_info *ci = &f.copies[i];
		size_t dl = strlen(ci->dest);

		if (ci->from)
			continue;
		for (size_t k = 0; k < ci->nsrc; k++) {
			const struct copy_src *cs = &ci->srcs[k];
			const char *rel;
			DIR *dir = NULL;
			struct dirent *e;

			if (cs->skip || cs->glob)
				continue;
			if (ci->dir_dest && str_eq(ci->dest, image_dir)) {
				/* a file copied into the folder (a folder's own
				 * entries are listed below) */
				for (size_t d = 0; d < f.ndirs; d++)
					if (context_kind(f.dirs[d], cs->src) == M_CONTEXT_FILE) {
						*ARENA_PUSH(a, names, *n, cap) = cs->base;
						break;
					}
			}
			if (!path_within(image_dir, ci->dest))
				continue;
			rel = str_eq(image_dir, ci->dest) ? cs->src :
			      arena_printf(a, "%s/%s", cs->src, image_dir + (dl > 1 ? dl + 1 : 1));
			for (size_t d = 0; d < f.ndirs && !dir; d++)
				if (context_kind(f.dirs[d], rel) == M_CONTEXT_DIR)
					dir = opendir(arena_printf(a, "%s/%s", f.dirs[d], rel));
			while (dir && (e = readdir(dir)))
				if (e->d_name[0] != '.')
					*ARENA_PUSH(a, names, *n, cap) = arena_strdup(a, e->d_name);
			if (dir)
				closedir(dir);
		}
	}
	if (!*n)
		return NULL;
	qsort(names, *n, sizeof(*names), cmp_name);
	for (size_t i = 0; i < *n; i++)
		if (!out || strcmp(names[out - 1], names[i]))
			names[out++] = names[i];
	*n = out;
	return names;
}
