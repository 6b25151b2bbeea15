/* SW0032: ShellCheck over RUN bodies and entry scripts (shellcheck.h says
 * why the work is split between the workers and the end of the run). */
#include "checks/dockerfile/shellcheck.h"

#include <ctype.h>
#include <errno.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include "checks/check.h"
#include "checks/dockerfile/helpers.h"
#include "config/config.h"
#include "lexicon/lexicon.h"
#include "util/die.h"
#include "util/spawn.h"
#include "util/str.h"
#include "util/strbuf.h"

/* The dialects ShellCheck 0.9 reads (--shell). */
enum dialect { D_SH, D_BASH, D_DASH, D_KSH, D_N };
static const char *const dialect_names[D_N] = { "sh", "bash", "dash", "ksh" };

/* Never reported: a sourced file is in the image, not here (SC1090,
 * SC1091); the dialect is given on the command line (SC2148: no #!
 * line; SC2187: ash checked as dash). */
static const char excluded[] = "SC1090,SC1091,SC2148,SC2187";

/* Scripts per ShellCheck process (each one descriptor while it runs),
 * and how long one may take. */
#define BATCH_MAX 200
#define TIMEOUT_MS 60000
#define OUTPUT_MAX ((size_t)64 << 20)

/* What the placeholder stands for: a script, in the run's arena. */
struct sc_script {
	const char *file;	/* as findings name it */
	const char *text;	/* its lines as the file has them, from the first one's start */
	size_t len;
	unsigned line0;		/* the file's line of text's first line */
	size_t skip;		/* bytes before the script on its first line (RUN, flags) */
	/* A RUN's logical line: its continuation character (comment and
	 * blank lines inside it are BuildKit's to drop), else 0. */
	char escape;
	bool dockerfile;	/* from a Dockerfile: carriage returns are BuildKit's to drop */
	enum dialect dialect;
	bool ash;		/* BusyBox ash runs it: its SC3xxx are features it has */
	const char **vars;	/* names an ARG or ENV in scope sets (SC2154) */
	size_t nvars;
	unsigned *ignore;	/* codes comments above it ignore */
	size_t nignore;
};

/* The dialect of a shell program, by its name; -1 for one ShellCheck does
 * not read (zsh, fish, PowerShell). */
static int dialect_of(const char *prog, size_t n, bool *ash)
{
	const char *slash = memrchr(prog, '/', n);

	if (slash) {
		n -= (size_t)(slash + 1 - prog);
		prog = slash + 1;
	}
#define IS(w) (n == sizeof(w) - 1 && !memcmp(prog, w, n))
	if (IS("sh"))
		return D_SH;
	if (IS("ash")) {
		*ash = true;
		return D_SH;
	}
	if (IS("bash"))
		return D_BASH;
	if (IS("dash"))
		return D_DASH;
	if (IS("ksh") || IS("mksh") || IS("pdksh") || IS("ksh93"))
		return D_KSH;
#undef IS
	return -1;
}

/* The dialect a #! line names (#!/usr/bin/env [-S] bash, #!/bin/busybox
 * sh); def when there is none; -1 for another language. */
static int shebang_dialect(const char *s, size_t len, int def, bool *ash)
{
	size_t i = 2;

	if (len < 2 || s[0] != '#' || s[1] != '!')
		return def;
	for (int word = 0; word < 3; word++) {
		size_t b;
		int d;

		while (i < len && (s[i] == ' ' || s[i] == '\t'))
			i++;
		b = i;
		while (i < len && !strchr(" \t\r\n", s[i]))
			i++;
		if (b == i)
			return -1;
		if ((d = dialect_of(s + b, i - b, ash)) >= 0)
			return d;
		if ((i - b == 3 && !memcmp(s + b, "env", 3)) ||
		    (i - b > 4 && !memcmp(s + i - 4, "/env", 4))) {
			while (i < len && (s[i] == ' ' || s[i] == '\t'))
				i++;
			if (i < len && s[i] == '-')	/* env -S */
				while (i < len && !strchr(" \t\r\n", s[i]))
					i++;
			continue;
		}
		if ((i - b == 7 || (i - b > 7 && s[i - 8] == '/')) && !memcmp(s + i - 7, "busybox", 7)) {
			*ash = true;
			continue;
		}
		return -1;
	}
	return -1;
}

/* The ShellCheck codes a comment names after "hadolint ignore=" or
 * "shellcheck disable=" (SC2086, 2086), added to s->ignore. */
static void comment_codes(struct arena *a, const char *text, struct sc_script *s, size_t *cap)
{
	static const char *const keys[] = { "ignore=", "disable=" };
	const char *p = NULL;

	if (!strstr(text, "hadolint") && !strstr(text, "shellcheck"))
		return;
	for (size_t k = 0; k < 2 && !p; k++)
		if ((p = strstr(text, keys[k])))
			p += strlen(keys[k]);
	while (p && *p) {
		unsigned code = 0;

		while (*p == ' ' || *p == ',')
			p++;
		if ((p[0] == 'S' || p[0] == 's') && (p[1] == 'C' || p[1] == 'c'))
			p += 2;
		if (!isdigit((unsigned char)*p)) {
			while (*p && *p != ',' && *p != ' ')
				p++;	/* DL3008 */
			if (*p != ',')
				break;
			continue;
		}
		while (isdigit((unsigned char)*p) && code < 100000)
			code = code * 10 + (unsigned)(*p++ - '0');
		*ARENA_PUSH(a, s->ignore, s->nignore, *cap) = code;
		if (*p != ',' && *p != ' ')
			break;
	}
}

/* BuildKit's predefined proxy ARGs: a RUN sees them undeclared. */
static const char *const proxy_args[] = { "http_proxy", "https_proxy", "ftp_proxy", "no_proxy",
					  "all_proxy", NULL };

/* The $NAME and ${NAME of text that set(ctx, name) knows, into s->vars,
 * each once. */
static void known_vars(struct arena *a, const char *text, size_t len, struct sc_script *s,
		       bool (*set)(const void *ctx, const char *name), const void *ctx)
{
	size_t cap = 0;

	for (const char *p = text, *e = text + len; (p = memchr(p, '$', (size_t)(e - p)));) {
		const char *n = ++p;
		char *name;
		bool seen = false;

		if (p < e && *p == '{')
			n = ++p;
		while (p < e && (isalnum((unsigned char)*p) || *p == '_'))
			p++;
		if (p == n || isdigit((unsigned char)*n))
			continue;
		name = arena_strndup(a, n, (size_t)(p - n));
		for (size_t k = 0; k < s->nvars && !seen; k++)
			seen = !strcmp(s->vars[k], name);
		if (!seen && set(ctx, name))
			*ARENA_PUSH(a, s->vars, s->nvars, cap) = name;
	}
}

static bool run_var(const void *ctx, const char *name)
{
	for (size_t k = 0; proxy_args[k]; k++)
		if (!strcasecmp(proxy_args[k], name))
			return true;
	return m_lookup(ctx, name) != NULL;
}

static bool stage_env(const void *ctx, const char *name)
{
	const struct m_stage *st = ctx;

	for (size_t k = 0; k < st->nscope; k++)
		if (!st->scope[k].is_arg && !strcmp(st->scope[k].name, name))
			return true;
	return false;
}

/* Whether a RUN's only argument is one heredoc (RUN <<EOF): BuildKit runs
 * its body as the script, not the line. */
static bool heredoc_alone(const struct df_node *n)
{
	const char *v = n->args[0].value;

	if (n->nheredocs != 1)
		return false;
	while (*v == ' ' || *v == '\t')
		v++;
	while (isdigit((unsigned char)*v))
		v++;
	if (strncmp(v, "<<", 2))
		return false;
	v += strcspn(v, " \t");
	while (*v == ' ' || *v == '\t')
		v++;
	return !*v;
}

/* Offsets of the starts of lines 1..nlines of the file, and its length
 * after them: made once per Dockerfile. */
static size_t *line_starts(struct arena *a, const struct df_file *df, unsigned *n)
{
	size_t *at, k = 0;

	*n = df->nlines;
	at = arena_alloc(a, ((size_t)*n + 2) * sizeof(*at));
	at[k++] = 0;
	for (const char *p = df->buf, *e = df->buf + df->len;
	     k <= *n && (p = memchr(p, '\n', (size_t)(e - p))); p++)
		at[k++] = (size_t)(p - df->buf) + 1;
	while (k <= *n + 1)
		at[k++] = df->len;
	return at;
}

/* Lines first..last (1-based) of the Dockerfile, copied into s (the
 * Dockerfile's text goes with its scratch arena). */
static bool set_lines(struct arena *a, struct sc_script *s, const struct df_file *df,
		      const size_t *at, unsigned nlines, unsigned first, unsigned last)
{
	if (!first || first > last || last > nlines || at[last] <= at[first - 1])
		return false;
	s->len = at[last] - at[first - 1];
	s->text = arena_strndup(a, df->buf + at[first - 1], s->len);
	s->line0 = first;
	return true;
}

static void add_run(struct rule_ctx *c, const struct m_instr *in, const size_t *at,
		    unsigned nlines)
{
	const struct df_node *n = in->node;
	const struct df_file *df = c->df->df;
	const struct m_instr *shell = instr_shell(in);
	struct sc_script *s;
	struct finding *f;
	size_t cap = 0;
	bool ash = false;
	int d = D_SH;

	if (n->json || !n->nargs || !in->script || !instr_posix_shell(c->a, in))
		return;
	if (shell && shell->node->nargs &&
	    (d = dialect_of(shell->node->args[0].value, strlen(shell->node->args[0].value),
			    &ash)) < 0)
		return;
	if (d == D_SH && lex_busybox_image(m_stage_root_image(in->stage)))
		ash = true;
	s = arena_alloc(c->a, sizeof(*s));
	memset(s, 0, sizeof(*s));
	s->file = c->df->path;
	s->dockerfile = true;
	if (heredoc_alone(n)) {
		const struct df_heredoc *hd = &n->heredocs[0];
		unsigned k = 0;

		for (const char *p = hd->content; (p = strchr(p, '\n')); p++)
			k++;
		if (!k || !set_lines(c->a, s, df, at, nlines, hd->start_line, hd->start_line + k - 1))
			return;
		/* A body with a #! line is run as a file by its program. */
		if ((d = shebang_dialect(s->text, s->len, d, &ash)) < 0)
			return;
	} else {
		if (!set_lines(c->a, s, df, at, nlines, n->args[0].pos.line, n->end_line) ||
		    !n->args[0].pos.col)
			return;
		s->skip = n->args[0].pos.col - 1;
		s->escape = df->escape;
		if (s->skip >= s->len)
			return;
	}
	s->dialect = (enum dialect)d;
	s->ash = ash;
	known_vars(c->a, in->script, strlen(in->script), s, run_var, in);
	for (size_t k = 0; k < n->ncomments; k++)
		comment_codes(c->a, n->comments[k], s, &cap);
	f = rule_report(c, in, "ShellCheck");
	f->pending = s;
}

/* Every shell-form RUN of every stage: a builder stage's runs in the
 * build as much as the final one's. */
static void check_runs(struct rule_ctx *c)
{
	unsigned nlines;
	size_t *at = NULL;

	for (size_t s = 0; s < c->df->nstages; s++)
		for (size_t i = 0; i < c->df->stages[s].ninstrs; i++) {
			const struct m_instr *in = &c->df->stages[s].instrs[i];

			if (in->kind != K_RUN || in->node->json)
				continue;
			if (!at)
				at = line_starts(c->a, c->df->df, &nlines);
			add_run(c, in, at, nlines);
		}
}

/* The scripts of the build context a shipped stage's ENTRYPOINT and CMD
 * run (a file of the tree, named as the tree has it). */
static void check_entry(struct rule_ctx *c)
{
	for (size_t i = 0; c->entry && i < c->entry->n; i++) {
		const struct entry_script *sc = &c->entry->scripts[i];
		struct sc_script *s;
		struct finding *f;
		bool ash = false;
		int d;

		if (sc->in_image || !sc->len)
			continue;
		if ((d = shebang_dialect(sc->text, sc->len, D_SH, &ash)) < 0)
			continue;
		if (d == D_SH && lex_busybox_image(m_stage_root_image(c->stage)))
			ash = true;
		s = arena_alloc(c->a, sizeof(*s));
		memset(s, 0, sizeof(*s));
		s->file = sc->display;
		s->text = sc->text;
		s->len = sc->len;
		s->line0 = 1;
		s->dialect = (enum dialect)d;
		s->ash = ash;
		known_vars(c->a, sc->text, sc->len, s, stage_env, c->stage);
		f = rule_report_script(c, sc, 0, "ShellCheck");
		f->pending = s;
	}
}

const struct check check_shellcheck = {
	.rule = &SW0032,
	.dockerfile = check_runs,
	.stage = check_entry,
};

/* ---- The end of the run: ShellCheck over the placeholders' scripts. ---- */

struct placeholder {
	struct finding f;	/* its settings, purpose, stage, suppression */
	const struct sc_script *s;
};

/* What ShellCheck reads of s: a RUN's first line blanked up to the script,
 * BuildKit's continuation lines as the shell's (the escape character as a
 * backslash, the blanks after it dropped, each comment or blank line inside
 * as a lone backslash), carriage returns dropped; the lines stay those of
 * the file, and each byte before a column stays one byte. */
static void shell_text(const struct sc_script *s, struct strbuf *sb)
{
	const char *p = s->text, *end = s->text + s->len;
	bool cont = s->escape != 0, first = true;

	while (p < end) {
		const char *nl = memchr(p, '\n', (size_t)(end - p)), *e = nl ? nl : end;
		size_t n = (size_t)(e - p), k, from = 0;

		while (s->dockerfile && n && p[n - 1] == '\r')
			n--;
		if (first && s->skip) {
			from = s->skip < n ? s->skip : n;
			for (size_t i = 0; i < from; i++)
				strbuf_addch(sb, ' ');
		}
		k = n;
		while (k > from && (p[k - 1] == ' ' || p[k - 1] == '\t'))
			k--;
		if (!cont) {
			strbuf_add(sb, p + from, n - from);
		} else if (!first && (k == from || p[from + strspn(p + from, " \t")] == '#')) {
			strbuf_addch(sb, '\\');	/* dropped by BuildKit */
		} else if (k > from && p[k - 1] == s->escape &&
			   (k - 1 == from || p[k - 2] != s->escape)) {
			strbuf_add(sb, p + from, k - 1 - from);
			strbuf_addch(sb, '\\');
		} else {
			strbuf_add(sb, p + from, n - from);
			cont = false;	/* the logical line ends: heredoc bodies follow */
		}
		if (nl)
			strbuf_addch(sb, '\n');
		p = nl ? nl + 1 : end;
		first = false;
	}
}

/* The byte column of ShellCheck's column col (characters: a UTF-8
 * sequence, or any other byte, each one) on line of text[0..len). */
static unsigned byte_col(const char *text, size_t len, unsigned line, unsigned col)
{
	const unsigned char *p = (const unsigned char *)text, *e = p + len;
	unsigned bytes = 1;

	for (unsigned l = 1; l < line && p < e; l++) {
		const unsigned char *nl = memchr(p, '\n', (size_t)(e - p));

		p = nl ? nl + 1 : e;
	}
	for (unsigned c = 1; c < col; c++) {
		size_t w = 1, need = 0;

		if (p < e && *p != '\n') {
			need = *p >= 0xf0 && *p < 0xf8 ? 3 : *p >= 0xe0 ? 2 : *p >= 0xc0 ? 1 : 0;
			while (w <= need && p + w < e && (p[w] & 0xc0) == 0x80)
				w++;
			if (w != need + 1)
				w = 1;	/* not UTF-8: one byte */
			p += w;
		}
		bytes += (unsigned)w;
	}
	return bytes;
}

static bool code_in(unsigned code, const unsigned *v, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (v[i] == code)
			return true;
	return false;
}

/* The option exclude of the placeholder's settings names code. */
static bool config_excludes(const struct config *cfg, unsigned code)
{
	const struct config_option *o = cfg ? config_option(cfg, &SW0032, "exclude") : NULL;
	char buf[16];

	if (!o)
		return false;
	snprintf(buf, sizeof(buf), "%u", code);
	for (size_t i = 0; i < (o->list.n ? o->list.n : 1); i++) {
		const char *v = o->list.n ? o->list.v[i] : o->value;

		if (v && (v[0] == 'S' || v[0] == 's') && (v[1] == 'C' || v[1] == 'c'))
			v += 2;
		if (v && !strcmp(v, buf))
			return true;
	}
	return false;
}

/* Whether what ShellCheck says of s is not for this rule to say. */
static bool dropped(const struct placeholder *ph, unsigned code, const char *message)
{
	const struct sc_script *s = ph->s;

	if (code_in(code, s->ignore, s->nignore) || config_excludes(ph->f.config, code))
		return true;
	if (s->ash && code >= 3000 && code < 4000)
		return true;
	if (code == 2154) {	/* "NAME is referenced but not assigned." */
		size_t n = strcspn(message, " ");

		for (size_t k = 0; k < s->nvars; k++)
			if (strlen(s->vars[k]) == n && !strncmp(s->vars[k], message, n))
				return true;
	}
	return false;
}

static enum severity level_of(const char *level)
{
	return str_eq(level, "error") ? SEV_ERROR : str_eq(level, "warning") ? SEV_WARNING :
	       SEV_INFO;
}

/* One ShellCheck comment about ph, with text what ShellCheck read. */
static void add_comment(struct report *r, const struct placeholder *ph, const struct strbuf *text,
			json_t *c)
{
	const struct sc_script *s = ph->s;
	json_int_t line = json_integer_value(json_object_get(c, "line")),
		   eline = json_integer_value(json_object_get(c, "endLine")),
		   col = json_integer_value(json_object_get(c, "column")),
		   ecol = json_integer_value(json_object_get(c, "endColumn")),
		   code = json_integer_value(json_object_get(c, "code"));
	const char *msg = json_string_value(json_object_get(c, "message")),
		   *level = json_string_value(json_object_get(c, "level"));
	struct finding *f;

	if (!msg || line < 1 || line > 1000000 || code < 0 || code > 99999 ||
	    dropped(ph, (unsigned)code, msg))
		return;
	if (eline < line || eline > 1000000)
		eline = line;
	if (col < 1 || col > 1000000)
		col = 1;
	if (ecol < 1 || ecol > 1000000)
		ecol = col;
	f = report_add(r, &SW0032, ph->f.file, s->line0 + (unsigned)line - 1,
		       byte_col(text->buf, text->len, (unsigned)line, (unsigned)col),
		       s->line0 + (unsigned)eline - 1,
		       byte_col(text->buf, text->len, (unsigned)eline, (unsigned)ecol),
		       "SC%u: %s", (unsigned)code, msg);
	f->severity = level_of(level ? level : "");
	f->fix = arena_printf(r->a, "See https://www.shellcheck.net/wiki/SC%u", (unsigned)code);
	f->via = ph->f.via;
	f->suppressed = ph->f.suppressed;
	f->suppress_reason = ph->f.suppress_reason;
	f->purpose = ph->f.purpose;
	f->any_purpose = ph->f.any_purpose;
	f->stage = ph->f.stage;
	f->in_script = ph->f.in_script;
	f->runs = ph->f.runs;
	f->dockerfile = ph->f.dockerfile;
	f->config = ph->f.config;
}

/* Runs ShellCheck once over ph[idx[0..n)], all of dialect d. False when
 * it could not do its work (a note in r says why). */
static bool run_batch(struct report *r, const char *prog, const struct placeholder *ph,
		      const size_t *idx, size_t n, enum dialect d)
{
	struct strbuf *texts = calloc(n, sizeof(*texts));
	int *fds = calloc(n, sizeof(*fds)), maxfd = -1;
	static char name[] = "shellcheck", norc[] = "--norc", format[] = "--format=json1",
		    dashes[] = "--";
	char **argv = calloc(n + 7, sizeof(*argv)), shell[16], exclude[64];
	size_t *by_fd = NULL, argc = 0;
	struct spawn_result res = { 0 };
	json_t *root = NULL, *comments;
	bool ok = false;

	if (!texts || !fds || !argv)
		die("out of memory");
	for (size_t i = 0; i < n; i++)
		fds[i] = -1;
	snprintf(shell, sizeof(shell), "--shell=%s", dialect_names[d]);
	snprintf(exclude, sizeof(exclude), "--exclude=%s", excluded);
	argv[argc++] = name;
	argv[argc++] = norc;
	argv[argc++] = format;
	argv[argc++] = shell;
	argv[argc++] = exclude;
	argv[argc++] = dashes;
	for (size_t i = 0; i < n; i++) {
		strbuf_init(&texts[i]);
		shell_text(ph[idx[i]].s, &texts[i]);
		if ((fds[i] = spawn_memfd("seaworthy-script", texts[i].buf, texts[i].len)) < 0) {
			report_note(r, NULL, "SW0032: shellcheck was not run: no memory file for "
				    "the scripts (%s)", strerror(errno));
			goto out;
		}
		argv[argc] = malloc(32);
		if (!argv[argc])
			die("out of memory");
		snprintf(argv[argc++], 32, "/dev/fd/%d", fds[i]);
		if (fds[i] > maxfd)
			maxfd = fds[i];
	}
	if (spawn_run(prog, argv, fds, n, TIMEOUT_MS, OUTPUT_MAX, &res) < 0) {
		report_note(r, NULL, "SW0032: %s could not be started: %s", prog, strerror(errno));
		goto out;
	}
	if (res.timed_out || res.too_large) {
		report_note(r, NULL, "SW0032: shellcheck %s: %zu scripts were not checked",
			    res.timed_out ? "did not finish in 60 seconds" :
			    "wrote more than 64 MiB", n);
		goto out;
	}
	if (!WIFEXITED(res.status) || WEXITSTATUS(res.status) > 2 ||
	    !(root = json_loadb(res.out, res.outlen, 0, NULL)) ||
	    !json_is_array(comments = json_object_get(root, "comments"))) {
		const char *e = res.err && *res.err ? res.err : "no output it could read";

		report_note(r, NULL, "SW0032: shellcheck failed (%.*s): %zu scripts were not "
			    "checked", (int)strcspn(e, "\n"), e, n);
		goto out;
	}
	by_fd = calloc((size_t)maxfd + 1, sizeof(*by_fd));
	if (!by_fd)
		die("out of memory");
	for (size_t i = 0; i < n; i++)
		by_fd[fds[i]] = i + 1;
	for (size_t k = 0; k < json_array_size(comments); k++) {
		json_t *c = json_array_get(comments, k);
		const char *file = json_string_value(json_object_get(c, "file"));
		long fd;
		char *end;

		if (!file || strncmp(file, "/dev/fd/", 8))
			continue;
		fd = strtol(file + 8, &end, 10);
		if (*end || fd < 0 || fd > maxfd || !by_fd[fd])
			continue;
		add_comment(r, &ph[idx[by_fd[fd] - 1]], &texts[by_fd[fd] - 1], c);
	}
	ok = true;
out:
	json_decref(root);
	spawn_result_release(&res);
	for (size_t i = 0; i < n; i++) {
		strbuf_release(&texts[i]);
		if (fds[i] >= 0)
			close(fds[i]);
	}
	for (size_t i = 6; i < argc; i++)
		free(argv[i]);
	free(argv);
	free(fds);
	free(texts);
	free(by_fd);
	return ok;
}

static int cmp_placeholder(const void *pa, const void *pb)
{
	const struct placeholder *a = pa, *b = pb;
	int c = strcmp(a->f.file ? a->f.file : "", b->f.file ? b->f.file : "");

	if (c)
		return c;
	return a->s->line0 < b->s->line0 ? -1 : a->s->line0 > b->s->line0;
}

/* Scripts one process takes: BATCH_MAX, fewer when the descriptors this
 * process may open are few. */
static size_t batch_size(void)
{
	struct rlimit rl;
	size_t n = BATCH_MAX;

	if (getrlimit(RLIMIT_NOFILE, &rl) == 0 && rl.rlim_cur != RLIM_INFINITY &&
	    rl.rlim_cur < (rlim_t)n * 2 + 64)
		n = rl.rlim_cur > 96 ? (size_t)(rl.rlim_cur - 64) / 2 : 16;
	return n;
}

/* Fingerprints findings[from..] from the texts of the scripts of their
 * files, each at its lines (the other lines empty). */
static void fingerprint(struct report *r, size_t from, const struct placeholder *ph, size_t n)
{
	for (size_t i = 0; i < n;) {
		struct strbuf sb = STRBUF_INIT;
		unsigned line = 1;
		size_t j = i;

		for (; j < n && !strcmp(ph[j].f.file, ph[i].f.file); j++) {
			const struct sc_script *s = ph[j].s;

			if (s->line0 < line)
				continue;	/* overlaps the one before */
			for (; line < s->line0; line++)
				strbuf_addch(&sb, '\n');
			strbuf_add(&sb, s->text, s->len);
			if (!s->len || s->text[s->len - 1] != '\n')
				strbuf_addch(&sb, '\n');
			for (size_t k = 0; k < s->len; k++)
				line += s->text[k] == '\n';
			line += s->text[s->len - 1] != '\n';
		}
		report_fingerprint(r, from, ph[i].f.file, sb.buf, sb.len);
		strbuf_release(&sb);
		i = j;
	}
}

void shellcheck_finish(struct report *r, bool fingerprints)
{
	struct placeholder *ph;
	size_t n = 0, out = 0, from, batch, *idx;
	char prog[4096];
	bool failed = false;

	for (size_t k = 0; k < r->nfindings; k++)
		n += r->findings[k].pending != NULL;
	if (!n)
		return;
	ph = malloc(n * sizeof(*ph));
	idx = malloc(n * sizeof(*idx));
	if (!ph || !idx)
		die("out of memory");
	n = 0;
	for (size_t k = 0; k < r->nfindings; k++) {
		struct finding *f = &r->findings[k];

		if (f->pending)
			ph[n++] = (struct placeholder){ *f, f->pending };
		else
			r->findings[out++] = *f;
	}
	r->nfindings = out;
	from = out;
	/* In file and line order: what ShellCheck is given, and so the
	 * findings of a run, do not depend on the workers. */
	qsort(ph, n, sizeof(*ph), cmp_placeholder);
	if (spawn_find("shellcheck", prog, sizeof(prog)) < 0) {
		report_note(r, NULL, "SW0032 is enabled but shellcheck is not installed (apt-get "
			    "install shellcheck): %zu script%s (RUN instructions and entry scripts) "
			    "not checked with it", n, n == 1 ? "" : "s");
		goto out;
	}
	batch = batch_size();
	for (int d = 0; d < D_N && !failed; d++) {
		size_t m = 0;

		for (size_t k = 0; k < n; k++)
			if (ph[k].s->dialect == (enum dialect)d)
				idx[m++] = k;
		for (size_t k = 0; k < m && !failed; k += batch)
			failed = !run_batch(r, prog, ph, idx + k, m - k < batch ? m - k : batch,
					    (enum dialect)d);
	}
	if (fingerprints)
		fingerprint(r, from, ph, n);
out:
	free(ph);
	free(idx);
}
