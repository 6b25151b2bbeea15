/* SW0022: apt-get install brings recommended packages (off by default). */
#include "checks/check.h"

#include <string.h>
#include <strings.h>

#include "checks/dockerfile/helpers.h"
#include "lexicon/lexicon.h"
#include "util/str.h"

/* --no-install-recommends, or -o APT::Install-Recommends=false (or 0). */
static bool without_recommends(const struct sh_cmd *cmd)
{
	for (size_t k = 1; k < cmd->argc; k++) {
		const char *w = cmd->argv[k].text, *r;

		if (cmd->argv[k].has_subst || str_eq(w, "--no-install-recommends"))
			return true;
		if ((r = strcasestr(w, "Install-Recommends=")) &&
		    (!strcasecmp(r + 19, "false") || !strcmp(r + 19, "0")))
			return true;
	}
	return false;
}

/* An instruction that may set it in apt.conf: a RUN that names the
 * setting, a COPY into /etc/apt. */
static bool sets_it(const struct m_instr *in, const void *ctx)
{
	(void)ctx;
	return (in->kind == K_RUN && in->script && strcasestr(in->script, "Install-Recommends")) ||
	       ((in->kind == K_COPY || in->kind == K_ADD) && in->nwords &&
		!strncmp(in->words[in->nwords - 1], "/etc/apt", 8));
}

static void check(struct rule_ctx *c)
{
	const bool *ships = rule_stages_ship(c);

	for (size_t i = 0; i < c->df->nstages; i++) {
		const struct m_stage *s = &c->df->stages[i];
		const struct m_instr *conf;

		if (!ships[i])
			continue;
		conf = chain_first(s, sets_it, NULL);
		for (size_t j = 1; j < s->ninstrs; j++) {
			const struct m_instr *in = &s->instrs[j];

			if (in->kind != K_RUN)
				continue;
			for (size_t k = 0; k < in->sh.ncmds; k++) {
				const struct sh_cmd *cmd = &in->sh.cmds[k];
				const struct lex_pkg_manager *m;

				if (cmd_pm_op(cmd, &m) != PM_INSTALL || !str_eq(m->family, "apt") ||
				    !str_eq(sh_cmd_name(cmd), "apt-get") || without_recommends(cmd))
					continue;
				if (conf && chain_before(conf, in))
					return;
				rule_report(c, in, "apt-get install without --no-install-recommends "
					    "also installs every package they recommend");
				break;
			}
		}
	}
}

const struct check check_install_recommends = {
	.rule = &SW0022,
	.dockerfile = check,
};
