/* SW0021: apt is used where apt-get belongs. */
#include "checks/check.h"

#include "util/str.h"

static void check(struct rule_ctx *c)
{
	for (size_t i = 0; i < c->df->nstages; i++) {
		const struct m_stage *s = &c->df->stages[i];

		for (size_t j = 1; j < s->ninstrs; j++) {
			const struct m_instr *in = &s->instrs[j];

			if (in->kind != K_RUN)
				continue;
			for (size_t k = 0; k < in->sh.ncmds; k++) {
				const struct sh_cmd *cmd = &in->sh.cmds[k];
				const char *sub = sh_cmd_subcommand(cmd);

				/* apt list, apt show: reading, not changing the image. */
				if (!str_eq(sh_cmd_name(cmd), "apt") || !sub || str_eq(sub, "list") ||
				    str_eq(sub, "show") || str_eq(sub, "search") || str_eq(sub, "policy"))
					continue;
				rule_report(c, in, "apt %s: apt's interface is for people and may change "
					    "between releases; apt-get %s is the one for scripts", sub, sub);
				break;
			}
		}
	}
}

const struct check check_apt_cli = {
	.rule = &SW0021,
	.dockerfile = check,
};
