/* SW0020: packages installed without a pinned version (off by default). */
#include "checks/check.h"

#include <ctype.h>
#include <string.h>

#include "checks/dockerfile/helpers.h"
#include "lexicon/lexicon.h"
#include "util/str.h"
#include "util/strbuf.h"

/* Arguments that are no package name of a registry: files, folders, URLs,
 * groups (@core), variables. */
static bool not_a_name(const struct sh_word *w, const struct lex_pkg_manager *m)
{
	const char *t = w->text;

	if (w->has_subst || !*t || t[0] == '.' || t[0] == '/' || t[0] == '~' || strstr(t, "://") ||
	    !strncmp(t, "git+", 4) || str_ends_with(t, ".deb") || str_ends_with(t, ".rpm") ||
	    str_ends_with(t, ".apk") || str_ends_with(t, ".whl") || str_ends_with(t, ".tgz") ||
	    str_ends_with(t, ".tar.gz") || str_ends_with(t, ".zip"))
		return true;
	/* npm's @scope/name is a name; go's module paths hold slashes;
	 * elsewhere a slash is a path. */
	if (m->module_paths)
		return false;
	return t[0] == '@' ? !m->pin_marks || !strchr(m->pin_marks, '@') : strchr(t, '/') != NULL;
}

/* go's @v1.2.3 or @<commit>; not @latest, @master or another branch. */
static bool module_pinned(const char *t)
{
	const char *at = strrchr(t, '@');
	size_t n;

	if (!at)
		return false;
	at++;
	if (at[0] == 'v' && isdigit((unsigned char)at[1]))
		return true;
	n = strspn(at, "0123456789abcdef");
	return n >= 7 && !at[n];
}

static bool pinned(const char *t, const struct lex_pkg_manager *m)
{
	if (m->module_paths)
		return module_pinned(t);
	if (m->pin_dash) {
		for (const char *p = strchr(t, '-'); p; p = strchr(p + 1, '-'))
			if (isdigit((unsigned char)p[1]))
				return true;
		return false;
	}
	/* Skip npm's scope: @types/node@20 is pinned, @types/node is not. */
	return strpbrk(t + (t[0] == '@'), m->pin_marks) != NULL;
}

struct unpinned {
	const struct lex_pkg_manager *m;
	struct strbuf names;	/* the first three */
	size_t n;
};

static void on_operand(void *ctx, const struct sh_word *w)
{
	struct unpinned *u = ctx;

	if (not_a_name(w, u->m) || pinned(w->text, u->m))
		return;
	if (u->n++ < 3)
		strbuf_addf(&u->names, "%s%s", u->n > 1 ? ", " : "", w->text);
}

/* gem install, go install: the subcommand's index, or 0. */
static size_t pin_installer(const struct sh_cmd *cmd, const struct lex_pkg_manager **m)
{
	const char *name = sh_cmd_name(cmd), *sub;

	if (!name || cmd->argc < 3 || !(*m = lex_pin_installer(name)) ||
	    !(sub = sh_cmd_subcommand(cmd)) || !lex_pm_word_in((*m)->install, sub))
		return 0;
	return sh_cmd_find_arg(cmd, sub);
}

/* An option that pins every package of the command (gem install x -v 2). */
static bool pinned_by_option(const struct sh_cmd *cmd, size_t k, const struct lex_pkg_manager *m)
{
	for (size_t i = k + 1; m->pin_opts && i < cmd->argc; i++) {
		const char *a = cmd->argv[i].text;
		size_t n = strcspn(a, "=");

		for (const char *const *o = m->pin_opts; *o; o++)
			if (strlen(*o) == n && !strncmp(*o, a, n))
				return true;
	}
	return false;
}

static void check_cmd(struct rule_ctx *c, const struct m_instr *in, const struct sh_cmd *cmd)
{
	struct unpinned u = { .names = STRBUF_INIT };
	size_t k;

	if (cmd_pm_op(cmd, &u.m) == PM_INSTALL) {
		if ((!u.m->pin_marks && !u.m->pin_dash) || !cmd_pkg_manager(cmd, &k) || !k)
			return;
	} else if (!(k = pin_installer(cmd, &u.m)) || pinned_by_option(cmd, k, u.m)) {
		return;
	}
	cmd_each_operand(cmd, k, on_operand, &u);
	if (u.n)
		rule_report(c, in, "%s %s %s%s: no version (write it as %s), so a rebuild "
			    "takes whatever is newest that day", sh_cmd_name(cmd), cmd->argv[k].text,
			    u.names.buf, u.n > 3 ? ", ..." : "", u.m->pin_example);
	strbuf_release(&u.names);
}

static void check(struct rule_ctx *c)
{
	const bool *ships = rule_stages_ship(c);

	for (size_t i = 0; i < c->df->nstages; i++) {
		const struct m_stage *s = &c->df->stages[i];

		/* A builder's packages stay in the builder. */
		if (!ships[i])
			continue;
		for (size_t j = 1; j < s->ninstrs; j++)
			if (s->instrs[j].kind == K_RUN)
				for (size_t k = 0; k < s->instrs[j].sh.ncmds; k++)
					check_cmd(c, &s->instrs[j], &s->instrs[j].sh.cmds[k]);
	}
}

const struct check check_unpinned_package = {
	.rule = &SW0020,
	.dockerfile = check,
};
