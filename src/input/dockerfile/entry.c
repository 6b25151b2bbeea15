#include "input/dockerfile/entry.h"

#include <dirent.h>
#include <errno.h>
#include <fnmatch.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "lexicon/lexicon.h"
#include "util/path.h"
#include "util/readfile.h"
#include "util/str.h"
#include "util/strbuf.h"

#define MAX_CHAIN 64
/* The guessed context and the folders above it, up to m->root. */
#define MAX_DIRS 5

/* Where an argv[0] without a slash is found. */
static const char *const path_dirs[] = {
	"/usr/local/sbin", "/usr/local/bin", "/usr/sbin", "/usr/bin", "/sbin", "/bin", NULL
};

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
	struct m_entry *out;
	size_t capscripts, capnotes;
	unsigned depth;			/* COPY --from stages followed to get here */
	/* Bare command names already looked up on the PATH. */
	const char **looked;
	size_t nlooked, caplooked;
	int path_copies;	/* whether a COPY of the chain reaches a PATH folder:
				 * -1 not known yet, else 0 or 1 */
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

static void add_note(struct follow *f, const char *file, unsigned line, const char *msg)
{
	struct m_entry *e = f->out;

	for (size_t k = 0; k < e->nnotes; k++)
		if (!strcmp(e->notes[k].message, msg))
			return;
	*ARENA_PUSH(f->a, e->notes, e->nnotes, f->capnotes) =
		(struct m_entry_note){ file, line, msg };
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
			      .out = f->out, .depth = f->depth + 1, .path_copies = -1 };

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

static bool ends_with(const char *s, const char *suffix)
{
	size_t n = strlen(s), k = strlen(suffix);

	return n >= k && !strcmp(s + n - k, suffix);
}

static unsigned instr_line(const struct m_instr *in)
{
	return in->node->start.line;
}

static const char *instr_name(const struct m_instr *in)
{
	return in->kind == K_ENTRYPOINT ? "ENTRYPOINT" : "CMD";
}

/* Where a script that the parent (or instr) runs at off is, as a user
 * reads it. */
static const char *how_of(struct follow *f, const struct m_instr *in, size_t parent, size_t off,
			  bool sourced, const char *display)
{
	const struct m_entry *e = f->out;
	unsigned line, col;

	if (parent == SIZE_MAX)
		return arena_printf(f->a, "%s at %s:%u runs %s", instr_name(in), f->m->path,
				    instr_line(in), display);
	m_script_pos(&e->scripts[parent], off, &line, &col);
	return arena_printf(f->a, "%s:%u %s %s, and %s", e->scripts[parent].display, line,
			    sourced ? "sources" : "runs", display, e->scripts[parent].how);
}

static void follow_script(struct follow *f, const struct m_instr *in, size_t parent, size_t off,
			  const char *image_path, bool sourced, bool expect_script);

/* The scripts the commands of sh run: argv[0] (looked up on the PATH
 * when it has no slash), the FILE of `sh FILE` and of `. FILE`. */
/* Whether a COPY/ADD of the chain puts anything in a PATH folder (its
 * destination is one, or holds one: COPY rootfs/ /). */
static bool copies_reach_path(struct follow *f)
{
	for (size_t i = 0; f->path_copies < 0 && i < f->ncopies; i++)
		for (size_t k = 0; path_dirs[k]; k++)
			if (path_within(path_dirs[k], f->copies[i].dest) ||
			    path_within(f->copies[i].dest, path_dirs[k])) {
				f->path_copies = 1;
				break;
			}
	if (f->path_copies < 0)
		f->path_copies = 0;
	return f->path_copies;
}

static void follow_commands(struct follow *f, const struct m_instr *in, size_t parent,
			    const struct sh_script *sh, const char *cwd)
{
	for (size_t i = 0; i < sh->ncmds && f->out->n < ENTRY_MAX_SCRIPTS; i++) {
		const struct sh_cmd *c = &sh->cmds[i];
		const char *name = sh_cmd_name(c);
		const struct sh_word *w = NULL;
		bool sourced = false, as_script = false;

		if (!c->argc)
			continue;
		if (str_eq(name, ".") || str_eq(name, "source")) {
			if (c->argc < 2)
				continue;
			w = &c->argv[1];
			sourced = as_script = true;
		} else if (lex_has(&lex_shells, name)) {
			/* sh FILE, bash -e FILE; sh -c '...' the parser opened */
			for (size_t k = 1; k < c->argc && !w; k++) {
				const char *t = c->argv[k].text;

				if (t[0] != '-' && t[0] != '+')
					w = &c->argv[k];
				else if (strchr(t, 'c') && t[1] != '-')
					break;
			}
			if (!w)
				continue;
			as_script = true;
		} else {
			w = &c->argv[0];
		}
		if (w->has_subst || !w->text[0])
			continue;
		if (strchr(w->text, '/') || as_script) {
			follow_script(f, in, parent, c->off, path_resolve(f->a, cwd, w->text),
				      sourced, as_script);
			continue;
		}
		if (!copies_reach_path(f))
			continue;	/* nginx, python: the base image's, never followed */
		{
			size_t k;

			for (k = 0; k < f->nlooked && strcmp(f->looked[k], w->text); k++)
				;
			if (k < f->nlooked)
				continue;
			*ARENA_PUSH(f->a, f->looked, f->nlooked, f->caplooked) = w->text;
		}
		for (size_t k = 0; path_dirs[k]; k++) {
			const char *p = arena_path_join(f->a, path_dirs[k], w->text);
			size_t n0 = f->out->n, nn0 = f->out->nnotes;

			follow_script(f, in, parent, c->off, p, false, false);
			if (f->out->n != n0 || f->out->nnotes != nn0)
				break;
		}
	}
}

static void follow_script(struct follow *f, const struct m_instr *in, size_t parent, size_t off,
			  const char *image_path, bool sourced, bool expect_script)
{
	struct m_entry *e = f->out;
	struct found src;
	struct m_script *sc;
	const char *display, *why, *file;
	char *text;
	size_t len;

	for (size_t k = 0; k < e->n; k++)
		if (str_eq(e->scripts[k].image_path, image_path))
			return;	/* sourced by itself, or reached twice */
	if (!find_source(f, image_path, &src))
		return;
	file = arena_path_join(f->a, src.dir, src.rel);
	display = display_path(f->a, path_clean(f->a, file));
	for (size_t k = 0; k < e->n; k++)
		if (str_eq(e->scripts[k].display, display))
			return;
	if (src.missing) {
		if (expect_script || ends_with(src.rel, ".sh"))
			add_note(f, f->m->path, src.copy->node->start.line,
				 arena_printf(f->a, "%s runs %s, which this COPY takes from %s; "
					      "%s", instr_name(in), image_path, display,
					      src.other ? "that is no regular file (a symlink loop, "
							  "a FIFO...), not followed" :
							  "the build context has no such file to read"));
		return;
	}
	text = read_file(f->a, file, &len, &why);
	if (!text) {
		add_note(f, display, 0, arena_printf(f->a, "not followed (%s runs it): %s",
						     instr_name(in), why));
		return;
	}
	if (memchr(text, '\0', len < 8192 ? len : 8192)) {
		/* A program, not a script: fine unless a shell was to read it. */
		if (expect_script || ends_with(src.rel, ".sh"))
			add_note(f, display, 0, arena_printf(f->a, "not followed (%s runs it as a "
							     "script): binary data",
							     instr_name(in)));
		return;
	}
	if (sh_foreign_shebang(text, len))
		return;	/* Python, Node...: not read (docs/rules.md) */
	sc = ARENA_PUSH(f->a, e->scripts, e->n, f->capscripts);
	*sc = (struct m_script){ .display = display, .image_path = image_path, .text = text,
				 .len = len, .instr = in, .parent = parent, .parent_off = off,
				 .sourced = sourced };
	sc->how = how_of(f, in, parent, off, sourced, display);
	sh_parse(f->a, text, len, &sc->sh);
	{
		/* The ARENA_PUSH above may move e->scripts: work from a copy. */
		size_t me = e->n - 1;
		struct sh_script sh = e->scripts[me].sh;

		follow_commands(f, in, me, &sh, f->s->workdir ? f->s->workdir : "/");
	}
}

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

void m_entry_follow(struct arena *a, const struct m_dockerfile *m, const struct m_stage *s,
		    struct m_entry *out)
{
	struct follow f = { .a = a, .m = m, .s = s, .out = out, .path_copies = -1 };
	const struct m_instr *ep, *cmd;

	memset(out, 0, sizeof(*out));
	if (!s || !m->dir)
		return;
	m_stage_runs(s, &ep, &cmd);
	if (!ep && !cmd)
		return;
	context_dirs(&f);
	copies_init(&f);
	if (!f.ncopies)
		return;
	if (ep)
		follow_commands(&f, ep, SIZE_MAX, &ep->sh, ep->workdir ? ep->workdir : "/");
	if (cmd)
		follow_commands(&f, cmd, SIZE_MAX, &cmd->sh, cmd->workdir ? cmd->workdir : "/");
}

const char *m_entry_read(struct arena *a, const struct m_dockerfile *m, const struct m_stage *s,
			 const char *image_path, size_t *len, const char **display)
{
	struct m_entry none = { 0 };
	struct follow f = { .a = a, .m = m, .s = s, .out = &none, .path_copies = -1 };
	struct found src;
	const char *file, *why;
	char *text;

	if (!s || !m->dir)
		return NULL;
	context_dirs(&f);
	copies_init(&f);
	if (!find_source(&f, image_path, &src) || src.missing)
		return NULL;
	file = arena_printf(a, "%s/%s", src.dir, src.rel);
	if (!(text = read_file(a, file, len, &why)) || memchr(text, '\0', *len))
		return NULL;
	*display = display_path(a, path_clean(a, file));
	return text;
}

static int cmp_name(const void *x, const void *y)
{
	return strcmp(*(const char *const *)x, *(const char *const *)y);
}

const char **m_entry_list(struct arena *a, const struct m_dockerfile *m, const struct m_stage *s,
			  const char *image_dir, size_t *n)
{
	struct m_entry none = { 0 };
	struct follow f = { .a = a, .m = m, .s = s, .out = &none, .path_copies = -1 };
	const char **names = NULL;
	size_t cap = 0, out = 0;

	*n = 0;
	if (!s || !m->dir)
		return NULL;
	context_dirs(&f);
	copies_init(&f);
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

void m_script_pos(const struct m_script *sc, size_t off, unsigned *line, unsigned *col)
{
	const char *bol = sc->text;

	*line = 1;
	if (off > sc->len)
		off = sc->len;
	for (size_t i = 0; i < off; i++)
		if (sc->text[i] == '\n') {
			(*line)++;
			bol = sc->text + i + 1;
		}
	*col = (unsigned)(sc->text + off - bol) + 1;
}

bool m_script_defines(const struct m_script *sc, const char *name)
{
	size_t n = strlen(name);

	if (!n)
		return false;
	for (const char *p = sc->text; (p = strstr(p, name)); p += n) {
		const char *q = p + n, *b = p;

		/* at the start of a line, or after `function ` */
		while (b > sc->text && (b[-1] == ' ' || b[-1] == '\t'))
			b--;
		if (b >= sc->text + 9 && !strncmp(b - 9, "function ", 9))
			return true;
		if (b != sc->text && b[-1] != '\n')
			continue;
		while (*q == ' ' || *q == '\t')
			q++;
		if (q[0] == '(' && q[1] == ')')
			return true;
	}
	return false;
}
