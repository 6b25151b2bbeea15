/* SW0026: RUN replaces /bin/sh with a link. */
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
				const char *to;

				if (!str_eq(sh_cmd_name(cmd), "ln") || cmd->argc < 3)
					continue;
				to = cmd->argv[cmd->argc - 1].text;
				if (!str_eq(to, "/bin/sh") && !str_eq(to, "/usr/bin/sh"))
					continue;
				rule_report(c, in, "ln over %s changes the shell of every script of the "
					    "image, the OS's own included: SHELL changes the RUNs' shell "
					    "alone", to);
				break;
			}
		}
	}
}

const struct check check_sh_link = {
	.rule = &SW0026,
	.dockerfile = check,
};
