/* SW0019: a package install or upgrade would ask for confirmation. */
#include "checks/check.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "checks/dockerfile/helpers.h"
#include "lexicon/lexicon.h"

/* apt-get's quiet level: each -q (or q of a cluster) and --quiet adds one,
 * -q=N and --quiet=N set it. */
static int quiet_level(const struct sh_cmd *c)
{
	int level = 0;

	for (size_t k = 1; k < c->argc; k++) {
		const char *w = c->argv[k].text;

		if (!strncmp(w, "-q=", 3) || !strncmp(w, "--quiet=", 8))
			level = atoi(strchr(w, '=') + 1);
		else if (!strcmp(w, "--quiet"))
			level++;
		else if (w[0] == '-' && w[1] != '-')
			for (const char *p = w + 1; *p && *p != '='; p++)
				level += *p == 'q';
	}
	return level;
}

/* Whether an option of c answers the manager's prompt. */
static bool answered(const struct sh_cmd *c, const struct lex_pkg_manager *m)
{
	if (m->quiet2_yes && quiet_level(c) >= 2)
		return true;
	for (size_t k = 1; k < c->argc; k++) {
		const char *w = c->argv[k].text;

		if (c->argv[k].has_subst)
			return true;	/* $APT_OPTS: it may well hold -y */
		if (lex_pm_word_in(m->yes_opts, w))
			return true;
		if (m->yes_conf && strcasestr(w, m->yes_conf))
			return true;
		if (w[0] == '-' && w[1] != '-' && m->yes_letters && strpbrk(w + 1, m->yes_letters))
			return true;
	}
	return false;
}

/* An instruction that may set the answer in the manager's configuration
 * (ctx): a RUN that writes its setting, a COPY or ADD into /etc
 * (apt.conf.d, dnf.conf). */
static bool sets_answer(const struct m_instr *in, const void *ctx)
{
	const struct lex_pkg_manager *m = ctx;

	return (in->kind == K_RUN && m->yes_conf && in->script &&
		strcasestr(in->script, m->yes_conf)) ||
	       ((in->kind == K_COPY || in->kind == K_ADD) && in->nwords &&
		!strncmp(in->words[in->nwords - 1], "/etc/", 5));
}

static void check_stage(struct rule_ctx *c, const struct m_stage *s)
{
	const struct lex_pkg_manager *conf_of = NULL;
	const struct m_instr *conf = NULL;

	for (size_t j = 1; j < s->ninstrs; j++) {
		const struct m_instr *in = &s->instrs[j];

		if (in->kind != K_RUN)
			continue;
		for (size_t i = 0; i < in->sh.ncmds; i++) {
			const struct sh_cmd *cmd = &in->sh.cmds[i];
			size_t k;
			const char *name, *sub;
			const struct lex_pkg_manager *m;

			/* cmd_pm_op is memoized: most commands are no package
			 * manager, and are told apart once for all the rules. */
			cmd_pm_op(cmd, &m);
			if (!m || !m->asks || !(m = cmd_pkg_manager(cmd, &k)) || !k ||
			    !lex_pm_word_in(m->asks, sub = cmd->argv[k].text))
				continue;
			name = sh_cmd_name(cmd);
			if (lex_pm_word_in(m->quiet_names, name) || answered(cmd, m))
				continue;
			/* `yes | apt-get install ...`: its input answers. */
			if (i && in->sh.cmds[i - 1].sep == SH_SEP_PIPE)
				continue;
			/* Once per stage and manager: the first one asked of. */
			if (m != conf_of) {
				conf_of = m;
				conf = chain_first(s, sets_answer, m);
			}
			if (conf && chain_before(conf, in))
				continue;
			rule_report(c, in, "%s %s has no %s: when it asks to confirm, the build has "
				    "no terminal to answer and stops there", name, sub, m->yes_opts[0]);
			break;
		}
	}
}

static void check(struct rule_ctx *c)
{
	for (size_t i = 0; i < c->df->nstages; i++)
		check_stage(c, &c->df->stages[i]);
}

const struct check check_package_prompt = {
	.rule = &SW0019,
	.dockerfile = check,
};
