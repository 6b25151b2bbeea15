/* SW0030: the build upgrades the base image's packages (off by default). */
#include "checks/check.h"

#include "checks/dockerfile/helpers.h"
#include "lexicon/lexicon.h"

static void count(void *ctx, const struct sh_word *w)
{
	(void)w;
	++*(size_t *)ctx;
}

/* Whether the command names packages after its subcommand at k. */
static bool has_packages(const struct sh_cmd *cmd, size_t k)
{
	size_t n = 0;

	cmd_each_operand(cmd, k, count, &n);
	return n > 0;
}

static void check(struct rule_ctx *c)
{
	const bool *ships = rule_stages_ship(c);

	for (size_t i = 0; i < c->df->nstages; i++) {
		const struct m_stage *s = &c->df->stages[i];

		if (!ships[i])
			continue;
		for (size_t j = 1; j < s->ninstrs; j++) {
			const struct m_instr *in = &s->instrs[j];

			if (in->kind != K_RUN)
				continue;
			for (size_t n = 0; n < in->sh.ncmds; n++) {
				const struct sh_cmd *cmd = &in->sh.cmds[n];
				size_t k;
				const struct lex_pkg_manager *m = cmd_pkg_manager(cmd, &k);

				if (!m || !k || !lex_pm_word_in(m->upgrade_all, cmd->argv[k].text) ||
				    has_packages(cmd, k))
					continue;
				rule_report(c, in, "%s %s upgrades every package of the base image to "
					    "whatever is newest: rebuild on a newer base image instead",
					    sh_cmd_name(cmd), cmd->argv[k].text);
				break;
			}
		}
	}
}

const struct check check_package_upgrade = {
	.rule = &SW0030,
	.dockerfile = check,
};
