/* SW0016: a RUN's cd that nothing after it uses. */
#include "checks/check.h"

#include <string.h>

#include "util/path.h"
#include "util/str.h"

/* The top-level commands of a RUN, outside if/case/loops and functions. */
static bool plain(const struct sh_cmd *c)
{
	return !c->depth && !c->nest && !c->function && !c->background;
}

static void check(struct rule_ctx *c)
{
	for (size_t i = 0; i < c->df->nstages; i++) {
		const struct m_stage *s = &c->df->stages[i];

		for (size_t j = 1; j < s->ninstrs; j++) {
			const struct m_instr *in = &s->instrs[j];
			const struct sh_cmd *last;
			const char *to;
			bool only = true;

			if (in->kind != K_RUN || !in->sh.ncmds)
				continue;
			last = &in->sh.cmds[in->sh.ncmds - 1];
			if (!str_eq(sh_cmd_name(last), "cd") || last->argc != 2 || !plain(last) ||
			    last->argv[1].has_subst)
				continue;
			to = last->argv[1].text;
			if (!*to || to[0] == '-' || to[0] == '~')
				continue;
			to = path_resolve(c->a, run_cwd(c->a, in, in->sh.ncmds - 1), to);
			/* cd back (/, .., the WORKDIR itself) is tidying up. */
			if (str_eq(to, in->workdir) || str_eq(to, "/") ||
			    !strcmp(last->argv[1].text, ".."))
				continue;
			for (size_t k = 0; k + 1 < in->sh.ncmds; k++)
				only &= str_eq(sh_cmd_name(&in->sh.cmds[k]), "cd");
			rule_report(c, in, "%s: the next instruction starts in %s again; "
				    "WORKDIR %s is what lasts",
				    only ? "this RUN only changes folder, which ends with it"
					 : "the cd that ends this RUN is lost with it",
				    in->workdir, to);
		}
	}
}

const struct check check_run_cd = {
	.rule = &SW0016,
	.dockerfile = check,
};
