/* SW0004: A RUN pipes commands without set -o pipefail. */
#include "checks/check.h"
#include "checks/dockerfile/helpers.h"

#include <stdint.h>
#include <string.h>
#include "lexicon/lexicon.h"
#include "util/path.h"
#include "util/str.h"
#include "spec/image_ref.h"

/* SHELL ["/bin/bash", "-o", "pipefail", "-c"], also "-eo", "pipefail". */
static bool shell_sets_pipefail(const struct df_node *n)
{
	bool on = false;

	for (size_t i = 1; i + 1 < n->nargs; i++) {
		const char *t = n->args[i].value;

		if ((t[0] == '-' || t[0] == '+') && t[1] != '-' && strchr(t + 1, 'o') &&
		    str_eq(n->args[i + 1].value, "pipefail"))
			on = t[0] == '-';
	}
	return on;
}

/* For each command, the nearest command after and before it that is less
 * deeply nested (ncmds / SIZE_MAX when none): linear, with a stack. */
struct nesting {
	size_t *next, *prev;
};

static void nesting_init(struct arena *a, const struct sh_script *sh, struct nesting *nt)
{
	size_t n = sh->ncmds, *stack = arena_alloc(a, (n ? n : 1) * sizeof(*stack)), top = 0;

	nt->next = arena_alloc(a, (n ? n : 1) * sizeof(*nt->next));
	nt->prev = arena_alloc(a, (n ? n : 1) * sizeof(*nt->prev));
	for (size_t i = n; i-- > 0;) {
		while (top && sh->cmds[stack[top - 1]].depth >= sh->cmds[i].depth)
			top--;
		nt->next[i] = top ? stack[top - 1] : n;
		stack[top++] = i;
	}
	top = 0;
	for (size_t i = 0; i < n; i++) {
		while (top && sh->cmds[stack[top - 1]].depth >= sh->cmds[i].depth)
			top--;
		nt->prev[i] = top ? stack[top - 1] : SIZE_MAX;
		stack[top++] = i;
	}
}

/*
 * Whether cmds[i] runs inside a command substitution ($(...), `...`, <(...)):
 * a pipe there doesn't decide the RUN's exit status. Substitutions are
 * emitted before the command holding them, which has a word with an
 * expansion at or before their offset; sh -c scripts follow their shell.
 * Climbs through nested shells to the top level.
 */
static bool in_substitution(const struct sh_script *sh, const struct nesting *nt, size_t i)
{
	while (sh->cmds[i].depth) {
		const struct sh_cmd *c = &sh->cmds[i];
		size_t k = nt->next[i];

		if (k < sh->ncmds && sh->cmds[k].depth + 1 == c->depth) {
			const struct sh_cmd *e = &sh->cmds[k];

			for (size_t w = 0; w < e->nassigns; w++)
				if (e->assigns[w].has_subst && e->assigns[w].off <= c->off)
					return true;
			for (size_t w = 0; w < e->argc; w++)
				if (e->argv[w].has_subst && e->argv[w].off <= c->off)
					return true;
		}
		/* Not a substitution: go up to the shell that runs it. */
		i = nt->prev[i];
		if (i == SIZE_MAX)
			return true;	/* no parent: can't place it, stay quiet */
	}
	return false;
}

/*
 * Left sides of a pipe that can't fail in a way pipefail would catch:
 * echo/printf of a string, and yes, which pipefail would even turn into a
 * failure (it dies of SIGPIPE when the reader exits).
 */
static bool harmless_source(const struct sh_cmd *c)
{
	static const char *const names[] = { "echo", "printf", "yes", "true", ":", NULL };
	const char *name = sh_cmd_name(c);

	for (size_t i = 0; names[i]; i++)
		if (str_eq(name, names[i]))
			return true;
	return false;
}

/* An option letter's long form, for the lexicon's "NAME -L" entries. */
static const char *long_option(char l)
{
	switch (l) {
	case 'x': return "--extract";
	case 't': return "--list";
	case 'd': return "--decompress";
	case 'c': return "--check";
	default: return "";
	}
}

/* c fails on an empty or cut-short input (lexicon: lex_strict_readers):
 * tar -x, gunzip, gpg, sha256sum -c... */
static bool strict_reader(const struct sh_cmd *c)
{
	const char *name = sh_cmd_name(c);

	for (const char *const *w = lex_strict_readers.words; *w; w++) {
		size_t n = strcspn(*w, " ");
		const char *arg = (*w)[n] ? *w + n + 1 : NULL;

		if (strlen(name) != n || strncmp(name, *w, n))
			continue;
		if (!arg)
			return true;
		for (size_t i = 1; i < c->argc; i++) {
			const char *t = c->argv[i].text;

			if (arg[0] != '-' ? str_eq(t, arg) :
			    (t[0] == '-' && t[1] != '-' && strchr(t + 1, arg[1])) ||
			    str_eq(t, long_option(arg[1])) ||
			    /* tar xzf: the old form's first operand is the mode */
			    (i == 1 && t[0] != '-' && !strcmp(name, "tar") && strchr(t, arg[1])))
				return true;
		}
	}
	return false;
}

/* An unwrapped command (sudo curl -> curl) shares its wrapper's argv. */
static bool is_unwrapped(const struct sh_cmd *c, const struct sh_cmd *prev)
{
	return prev->argc > c->argc && c->argv == prev->argv + (prev->argc - c->argc);
}

/* sudo curl: the command the wrapper runs, which is what the user wrote. */
static const struct sh_cmd *inner_cmd(const struct sh_script *sh, size_t i)
{
	size_t k;

	for (k = i + 1; k < sh->ncmds && sh->cmds[k].depth == sh->cmds[i].depth &&
	     is_unwrapped(&sh->cmds[k], &sh->cmds[k - 1]); k++)
		;
	return &sh->cmds[k - 1];
}

/* The absolute path an argument names: "/opt/x", or the value of
 * --install-dir=/opt/x; NULL for none. */
static const char *arg_path(const char *t)
{
	const char *eq = t[0] == '-' ? strchr(t, '=') : NULL;

	t = eq ? eq + 1 : t;
	return t[0] == '/' && t[1] ? t : NULL;
}

/* `set -e`, `set -ex`: later failing commands end the script. */
static bool sets_errexit(const struct sh_cmd *c)
{
	if (!str_eq(sh_cmd_name(c), "set"))
		return false;
	for (size_t w = 1; w < c->argc; w++)
		if (c->argv[w].text[0] == '-' && c->argv[w].text[1] != '-' &&
		    strchr(c->argv[w].text, 'e'))
			return true;
	return false;
}

/* Whether a later command uses what the installer made: its name, or an
 * argument, is the file name, or a path under the folder. */
static bool uses(const struct sh_cmd *u, const char *path, const char *file)
{
	for (size_t w = 0; w < u->argc; w++) {
		const char *t = u->argv[w].text, *base = strrchr(t, '/');

		if ((path && path_within(t, path)) ||
		    (file && (str_eq(t, file) || (base && str_eq(base + 1, file)))))
			return true;
	}
	return false;
}

/* curl URL | php -- --install-dir=/usr/local/bin; chmod +x /usr/local/bin/composer:
 * an interpreter that runs a downloaded installer (cmds[r], which ends the
 * pipeline fed by src) says what it installs (a path, --filename=NAME, or
 * the file a known installer writes: lexicon installer_outputs), and one
 * of the next commands of the RUN, under set -e or through &&, uses it
 * (composer install, mv composer.phar). An empty download installs
 * nothing, so that command fails the RUN: the failure is caught. */
static bool install_checked_later(struct arena *a, const struct sh_script *sh,
				  const struct sh_cmd *src, size_t r, bool set_e)
{
	const struct sh_cmd *in = &sh->cmds[r];
	const char *paths[8], *file = NULL;
	size_t npaths = 0;
	bool chained = true;

	if (!lex_has(&lex_interpreters, sh_cmd_name(in)) && !lex_has(&lex_shells, sh_cmd_name(in)))
		return false;
	for (size_t w = 1; w < in->argc; w++) {
		const char *t = in->argv[w].text, *p = arg_path(t);

		if (p && npaths < 8)
			paths[npaths++] = path_resolve(a, "/", p);	/* /usr/local/bin/ */
		if (!strncmp(t, "--filename=", 11) && t[11])
			file = t + 11;
	}
	/* curl -sS https://getcomposer.org/installer: composer.phar */
	for (size_t k = 1; !file && k < src->argc; k++)
		for (const char *const *w = lex_installer_outputs.words; *w && !file; w++) {
			size_t n = strcspn(*w, " ");

			if ((*w)[n] && memmem(src->argv[k].text, strlen(src->argv[k].text), *w, n))
				file = *w + n + 1;
		}
	if (!npaths && !file)
		return false;
	/* the next few commands: a RUN of thousands of installers stays
	 * linear */
	for (size_t k = r + 1; k < sh->ncmds && k <= r + 16; k++) {
		const struct sh_cmd *u = &sh->cmds[k];

		chained = chained && sh->cmds[k - 1].sep == SH_SEP_AND;
		if (u->depth != in->depth || !(set_e || chained))
			break;
		if (uses(u, NULL, file))
			return true;
		for (size_t i = 0; i < npaths; i++)
			if (uses(u, paths[i], NULL))
				return true;
	}
	return false;
}

/*
 * The first pipe whose failure would go unnoticed: its left command in
 * *left (for `done | x`, the compound's last command, with *compound set)
 * and the command it feeds in *right (NULL if none). False if there is none.
 */
static bool find_pipe(struct arena *a, const struct sh_script *sh, const struct sh_cmd **left,
		      const struct sh_cmd **right, unsigned *depth, bool *compound)
{
	struct nesting nt;
	bool set_e = false;

	nesting_init(a, sh, &nt);
	for (size_t i = 0; i < sh->ncmds; i++) {
		const struct sh_cmd *c = &sh->cmds[i], *r = NULL;
		size_t k;

		set_e = set_e || sets_errexit(c);	/* a later failing command fails the RUN */

		if (!c->piped || in_substitution(sh, &nt, i))
			continue;
		if (i && sh->cmds[i - 1].depth == c->depth && is_unwrapped(c, &sh->cmds[i - 1]))
			continue;	/* judged with its wrapper */
		/* The next command at this level, past wrappers and nested code. */
		for (k = i + 1; k < sh->ncmds; k++) {
			const struct sh_cmd *n = &sh->cmds[k];

			if (n->depth < c->depth)
				break;
			if (n->depth == c->depth && !is_unwrapped(n, &sh->cmds[k - 1])) {
				/* sudo tee -> tee; but xargs grep reads as xargs */
				r = strcmp(sh_cmd_name(n), "xargs") ? inner_cmd(sh, k) : n;
				break;
			}
		}
		if (c->sep == SH_SEP_PIPE) {
			const struct sh_cmd *l = inner_cmd(sh, i);

			if (harmless_source(l))
				continue;
			/* curl ... | tar -xz: tar fails on what a failed
			 * download leaves it, and ends the pipeline. */
			if (r && k < sh->ncmds && sh->cmds[k].sep != SH_SEP_PIPE &&
			    (strict_reader(r) || install_checked_later(a, sh, l, (size_t)(r - sh->cmds), set_e)))
				continue;
			*left = l;
			*right = r;
			*depth = c->depth;
			return true;
		}
		/* Piped but not piping: the end of a pipeline, or the last command
		 * of a loop or group whose output is piped (`done | tee log`). */
		if (r && r->piped) {
			bool after_pipe = false;

			for (k = i; k-- > 0;) {
				if (sh->cmds[k].depth == c->depth) {
					after_pipe = sh->cmds[k].sep == SH_SEP_PIPE;
					break;
				}
			}
			/* A compound's status is its last command's: only that one counts. */
			if (!after_pipe && !harmless_source(inner_cmd(sh, i))) {
				*left = inner_cmd(sh, i);
				*compound = true;
				*right = r;
				*depth = c->depth;
				return true;
			}
		}
	}
	return false;
}

static void check_run(struct rule_ctx *c, const struct m_instr *in)
{
	const struct sh_cmd *left = NULL, *right = NULL;
	const struct m_instr *sh_in = NULL;
	struct finding *f;
	unsigned depth = 0;
	bool compound = false;

	if (!in->script || !in->sh.has_pipe || in->sh.pipefail)
		return;
	/* Shell form runs under SHELL (or /bin/sh -c); exec form as written. */
	if (!in->exec_form) {
		sh_in = instr_shell(in);
		if (!instr_posix_shell(c->a, in) || (sh_in && shell_sets_pipefail(sh_in->node)))
			return;
	}
	if (!find_pipe(c->a, &in->sh, &left, &right, &depth, &compound))
		return;
	if (compound && right)
		f = rule_report(c, in, "a loop or group ending in %s is piped into %s without "
				"set -o pipefail: if %s fails, the RUN still succeeds",
				sh_cmd_name(left), sh_cmd_name(right), sh_cmd_name(left));
	else if (right)
		f = rule_report(c, in, "%s is piped into %s without set -o pipefail: if %s fails, "
				"the RUN still succeeds", sh_cmd_name(left), sh_cmd_name(right),
				sh_cmd_name(left));
	else
		f = rule_report(c, in, "%s is piped without set -o pipefail: only the last "
				"command's failure fails the RUN", sh_cmd_name(left));
	/* SHELL reaches neither exec-form RUNs nor the shells a script starts. */
	if (in->exec_form)
		f->fix = "Run the script as [\"/bin/bash\", \"-o\", \"pipefail\", \"-c\", \"...\"], "
			 "or start it with set -o pipefail &&";
	else if (depth)
		f->fix = "Start the nested shell's script with set -o pipefail; (or run it as "
			 "bash -o pipefail -c '...')";
	else if (sh_in)
		f->fix = arena_printf(c->a, "Add -o pipefail to the SHELL on line %u: "
				      "SHELL [\"%s\", \"-o\", \"pipefail\", \"-c\"]",
				      sh_in->node->start.line, sh_in->node->args[0].value);
	else if (str_eq(image_ref_repo(c->a, m_stage_root_image(in->stage)), "alpine"))
		f->fix = "Start the script with set -o pipefail && (Alpine's ash supports it), or "
			 "add SHELL [\"/bin/ash\", \"-o\", \"pipefail\", \"-c\"] before the RUN";
}

/* Whether a bash script stops at a failing command: set -e (or -e on its
 * #! line). Only then does a pipe's hidden failure matter mid-script, and
 * bash has pipefail to show it. */
static bool bash_set_e(const struct entry_script *sc)
{
	size_t n = strcspn(sc->text, "\n");
	bool bash = !strncmp(sc->text, "#!", 2) &&
		    (memmem(sc->text, n, "/bash", 5) || memmem(sc->text, n, "env bash", 8));

	if (!bash)
		return false;
	if (memmem(sc->text, n, " -e", 3))
		return true;
	for (size_t i = 0; i < sc->sh.ncmds; i++)
		if (!sc->sh.cmds[i].nest && !sc->sh.cmds[i].function &&
		    sets_errexit(&sc->sh.cmds[i]))
			return true;
	return false;
}

/* Whether the pipe from left to right is a test, where set -e acts on
 * nothing: after if, elif, while, until or !, or followed by && or ||
 * (if mysqld --help | grep -q x; then ...). */
static bool pipe_is_test(const struct entry_script *sc, const struct sh_cmd *left,
			 const struct sh_cmd *right)
{
	static const char *const words[] = { "if", "elif", "while", "until", "!", NULL };
	const char *p = sc->text + left->off, *e;

	if (right->sep == SH_SEP_AND || right->sep == SH_SEP_OR)
		return true;
	while (p > sc->text && (p[-1] == ' ' || p[-1] == '\t'))
		p--;
	e = p;
	while (p > sc->text && !strchr(" \t\n;", p[-1]))
		p--;
	for (size_t i = 0; words[i]; i++)
		if ((size_t)(e - p) == strlen(words[i]) && !strncmp(p, words[i], (size_t)(e - p)))
			return true;
	return false;
}

/* A bash script of the build context a RUN runs (RUN /scripts/prepare),
 * under set -e without pipefail: a pipe whose first command fails goes on. */
static void check_script(struct rule_ctx *c, const struct m_instr *in,
			 const struct entry_script *sc, void *data)
{
	const struct sh_cmd *left = NULL, *right = NULL;
	unsigned depth = 0;
	bool compound = false;
	struct finding *f;

	(void)in;
	(void)data;
	if (!sc->sh.has_pipe || sc->sh.pipefail || !bash_set_e(sc) ||
	    !find_pipe(c->a, &sc->sh, &left, &right, &depth, &compound) || !right ||
	    pipe_is_test(sc, left, right))
		return;
	f = rule_report_script(c, sc, left->off, "%s is piped into %s without set -o pipefail: "
			       "if %s fails, set -e does not see it and the script goes on",
			       sh_cmd_name(left), sh_cmd_name(right), sh_cmd_name(left));
	f->fix = "Add set -o pipefail beside set -e at the top of the script";
}

/* The stages whose files ship: a pipe that fails quietly in a builder
 * stage leaves out what a later step needs, which fails there. */
static void check(struct rule_ctx *c)
{
	bool *ships = rule_stages_ship(c);

	for (size_t s = 0; s < c->df->nstages; s++) {
		for (size_t i = 0; ships[s] && i < c->df->stages[s].ninstrs; i++)
			if (c->df->stages[s].instrs[i].kind == K_RUN)
				check_run(c, &c->df->stages[s].instrs[i]);
		if (ships[s])
			each_run_script(c, &c->df->stages[s], check_script, NULL);
	}
}

const struct check check_pipefail = {
	.rule = &SW0004,
	.dockerfile = check,
};
