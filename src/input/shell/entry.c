#include "input/shell/entry.h"
#include "input/shell/drop.h"

#include <stdint.h>
#include <string.h>

#include "lexicon/lexicon.h"
#include "util/path.h"
#include "util/str.h"
#include "util/strbuf.h"

/* Where an argv[0] without a slash is found. */
static const char *const path_dirs[] = {
	"/usr/local/sbin", "/usr/local/bin", "/usr/sbin", "/usr/bin", "/sbin", "/bin", NULL
};

struct follow {
	struct arena *a;
	const struct entry_fs *fs;
	bool in_image;
	struct entry_set *out;
	size_t capscripts, capnotes;
	/* Bare command names already looked up on the PATH. */
	const char **looked;
	size_t nlooked, caplooked;
	int path_reached;	/* whether the fs reaches a PATH folder: -1 not known yet */
};

static void add_note(struct follow *f, const char *file, unsigned line, const char *msg)
{
	struct entry_set *e = f->out;

	for (size_t k = 0; k < e->nnotes; k++)
		if (!strcmp(e->notes[k].message, msg))
			return;
	*ARENA_PUSH(f->a, e->notes, e->nnotes, f->capnotes) =
		(struct entry_note){ file, line, msg };
}

/* Where a script that the parent (or the root) runs at off is, as a user
 * reads it. */
static const char *how_of(struct follow *f, const struct entry_root *root, size_t parent,
			  size_t off, bool sourced, const char *display)
{
	const struct entry_set *e = f->out;
	unsigned line, col;

	if (parent == SIZE_MAX)
		return arena_printf(f->a, "%s runs %s", root->at, display);
	entry_script_pos(&e->scripts[parent], off, &line, &col);
	return arena_printf(f->a, "%s:%u %s %s, and %s", e->scripts[parent].display, line,
			    sourced ? "sources" : "runs", display, e->scripts[parent].how);
}

static void follow_script(struct follow *f, const struct entry_root *root, size_t parent,
			  size_t off, const char *image_path, bool sourced, bool expect_script,
			  bool on_path, enum entry_status *st);

/* Whether the fs puts anything in a PATH folder (COPY rootfs/ / does). */
static bool reaches_path(struct follow *f)
{
	if (f->path_reached < 0) {
		f->path_reached = 0;
		for (size_t k = 0; path_dirs[k] && !f->path_reached; k++)
			f->path_reached = !f->fs->reaches || f->fs->reaches(f->fs->ctx, path_dirs[k]);
	}
	return f->path_reached;
}

/* The config file a supervisor reads (supervisord -c FILE): asked for so
 * that a layer that reads files lazily has it when the checks want it. */
static void want_config(struct follow *f, const struct entry_root *root, const struct sh_cmd *c,
			const char *cwd)
{
	struct entry_file file;

	if (strcmp(sh_cmd_name(c), "supervisord"))
		return;
	for (size_t i = 1; i < c->argc; i++) {
		const char *t = c->argv[i].text, *p = NULL;

		if ((str_eq(t, "-c") || str_eq(t, "--configuration")) && i + 1 < c->argc)
			p = c->argv[i + 1].text;
		else if (!strncmp(t, "--configuration=", 16))
			p = t + 16;
		if (p && *p && f->fs->read(f->fs->ctx, f->a, path_resolve(f->a, cwd, p),
					   root->runner, false, &file) == ENTRY_LATER)
			f->out->later++;
	}
}

/* The scripts the commands of sh run: argv[0] (looked up on the PATH
 * when it has no slash), the FILE of `sh FILE` and of `. FILE`. */
static void follow_commands(struct follow *f, const struct entry_root *root, size_t parent,
			    const struct sh_script *sh, const char *cwd)
{
	for (size_t i = 0; i < sh->ncmds && f->out->n < ENTRY_MAX_SCRIPTS; i++) {
		const struct sh_cmd *c = &sh->cmds[i];
		const char *name = sh_cmd_name(c);
		const struct sh_word *w = NULL;
		bool sourced = false, as_script = false;
		enum entry_status st;

		if (!c->argc)
			continue;
		want_config(f, root, c, cwd);
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
			follow_script(f, root, parent, c->off, path_resolve(f->a, cwd, w->text),
				      sourced, as_script, false, &st);
			continue;
		}
		if (!reaches_path(f))
			continue;	/* nginx, python: the base image's, never followed */
		{
			size_t k;

			for (k = 0; k < f->nlooked && strcmp(f->looked[k], w->text); k++)
				;
			if (k < f->nlooked)
				continue;
			*ARENA_PUSH(f->a, f->looked, f->nlooked, f->caplooked) = w->text;
		}
		/* The first PATH folder that has it is the one that runs. */
		for (size_t k = 0; path_dirs[k]; k++) {
			follow_script(f, root, parent, c->off,
				      arena_path_join(f->a, path_dirs[k], w->text), false, false, true,
				      &st);
			if (st != ENTRY_NONE)
				break;
		}
	}
}

static void follow_script(struct follow *f, const struct entry_root *root, size_t parent,
			  size_t off, const char *image_path, bool sourced, bool expect_script,
			  bool on_path, enum entry_status *st)
{
	struct entry_set *e = f->out;
	struct entry_file file = { 0 };
	struct entry_script *sc;
	bool noted;

	*st = ENTRY_NONE;
	for (size_t k = 0; k < e->n; k++)
		if (str_eq(e->scripts[k].image_path, image_path)) {
			*st = ENTRY_TEXT;
			return;	/* sourced by itself, or reached twice */
		}
	*st = f->fs->read(f->fs->ctx, f->a, image_path, root->runner, on_path, &file);
	if (*st == ENTRY_NONE)
		return;
	if (*st == ENTRY_LATER) {
		e->later++;
		return;
	}
	for (size_t k = 0; k < e->n; k++)
		if (str_eq(e->scripts[k].display, file.display))
			return;
	/* What a shell was to read, or that looks like a script, is worth a
	 * note when it cannot be; a program in its stead is fine. */
	noted = expect_script || str_ends_with(image_path, ".sh") || str_ends_with(file.display, ".sh");
	if (*st == ENTRY_TEXT && memchr(file.text, '\0', file.len < 8192 ? file.len : 8192))
		*st = ENTRY_BINARY;
	switch (*st) {
	case ENTRY_MISSING:
		if (noted)
			add_note(f, file.note_file ? file.note_file : file.display, file.note_line,
				 file.why);
		return;
	case ENTRY_BINARY:
		if (noted)
			add_note(f, file.display, 0, arena_printf(f->a, "not followed (%s runs it "
								  "as a script): binary data",
								  root->runner));
		return;
	case ENTRY_UNREAD:
		add_note(f, file.note_file ? file.note_file : file.display, file.note_line,
			 arena_printf(f->a, "not followed (%s runs it): %s", root->runner, file.why));
		return;
	default:
		break;
	}
	if (sh_foreign_shebang(file.text, file.len)) {
		/* Python, Node...: not read (docs/rules.md), but a privilege
		 * drop it execs is noted for the root rule */
		if (!e->foreign_drop && sh_text_execs_drop(file.text, file.len))
			e->foreign_drop = file.display;
		return;
	}
	sc = ARENA_PUSH(f->a, e->scripts, e->n, f->capscripts);
	*sc = (struct entry_script){ .display = file.display, .image_path = image_path,
				     .text = file.text, .len = file.len, .root = root,
				     .parent = parent, .parent_off = off, .sourced = sourced,
				     .in_image = f->in_image };
	sc->how = how_of(f, root, parent, off, sourced, file.display);
	sh_parse(f->a, file.text, file.len, &sc->sh);
	{
		/* The ARENA_PUSH above may move e->scripts: work from a copy. */
		size_t me = e->n - 1;
		struct sh_script sh = e->scripts[me].sh;

		follow_commands(f, root, me, &sh, root->scripts_cwd ? root->scripts_cwd :
						  root->cwd ? root->cwd : "/");
	}
}

void entry_follow(struct arena *a, const struct entry_fs *fs, const struct entry_root *roots,
		  size_t nroots, bool in_image, struct entry_set *out)
{
	struct follow f = { .a = a, .fs = fs, .in_image = in_image, .out = out,
			    .path_reached = -1 };

	memset(out, 0, sizeof(*out));
	out->fs = *fs;
	for (size_t i = 0; i < nroots; i++)
		if (roots[i].sh)
			follow_commands(&f, &roots[i], SIZE_MAX, roots[i].sh,
					roots[i].cwd ? roots[i].cwd : "/");
}

const char *entry_read(struct arena *a, const struct entry_set *e, const char *path, size_t *len)
{
	struct entry_file file = { 0 };

	if (!e || !e->fs.read || e->fs.read(e->fs.ctx, a, path, "", false, &file) != ENTRY_TEXT ||
	    memchr(file.text, '\0', file.len))
		return NULL;
	*len = file.len;
	return file.text;
}

const char **entry_list(struct arena *a, const struct entry_set *e, const char *dir, size_t *n)
{
	*n = 0;
	if (!e || !e->fs.list)
		return NULL;
	return e->fs.list(e->fs.ctx, a, dir, n);
}

bool entry_reaches(const struct entry_set *e, const char *dir)
{
	return !e || !e->fs.reaches || e->fs.reaches(e->fs.ctx, dir);
}

void entry_script_pos(const struct entry_script *sc, size_t off, unsigned *line, unsigned *col)
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

bool entry_script_defines(const struct entry_script *sc, const char *name)
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

bool sh_argv_shell_c(const char *const *words, size_t n)
{
	return n >= 3 && lex_has_base(&lex_shells, words[0]) && words[1][0] == '-' &&
	       strchr(words[1], 'c');
}

const char *sh_argv_script(struct arena *a, const char *const *words, size_t n)
{
	struct strbuf sb = STRBUF_INIT;
	const char *script;

	if (sh_argv_shell_c(words, n)) {
		strbuf_addstr(&sb, words[2]);
	} else {
		for (size_t i = 0; i < n; i++) {
			if (i)
				strbuf_addch(&sb, ' ');
			/* Quoted, so the parser sees the same argv. */
			strbuf_addch(&sb, '\'');
			for (const char *c = words[i]; *c; c++) {
				if (*c == '\'')
					strbuf_addstr(&sb, "'\\''");
				else
					strbuf_addch(&sb, *c);
			}
			strbuf_addch(&sb, '\'');
		}
	}
	script = arena_strndup(a, sb.buf, sb.len);
	strbuf_release(&sb);
	return script;
}

void sh_parse_argv(struct arena *a, const char *const *words, size_t n, struct sh_script *out)
{
	const char *script = sh_argv_script(a, words, n);

	sh_parse(a, script, strlen(script), out);
}
