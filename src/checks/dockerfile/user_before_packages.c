/* SW0202: USER switches away from root before OS packages are installed. */
#include "checks/check.h"

#include <stdio.h>
#include <string.h>

#include "checks/dockerfile/helpers.h"

/* One USER instruction and the installs that run under it. */
struct hit {
	const struct m_instr *user;
	const struct m_instr *first;	/* the first RUN installing packages */
	const char *manager;		/* its package manager */
	size_t more;			/* further RUNs under the same USER */
};

static const char *install_manager(const struct m_instr *in)
{
	for (size_t i = 0; i < in->sh.ncmds; i++)
		if (cmd_is_os_install(&in->sh.cmds[i]))
			return sh_cmd_name(&in->sh.cmds[i]);
	return NULL;
}

static void check(struct rule_ctx *c)
{
	const struct m_dockerfile *df = c->df;
	struct hit *hits = NULL;
	size_t nhits = 0, cap = 0;

	/*
	 * in->user is the USER in effect for each RUN, inherited through
	 * FROM <stage>, so one pass finds installs in the USER's own stage
	 * and in stages built from it. A USER we can't resolve ($VAR) may
	 * well be root: leave it alone.
	 */
	for (size_t si = 0; si < df->nstages; si++) {
		const struct m_stage *s = &df->stages[si];

		for (size_t k = 1; k < s->ninstrs; k++) {
			const struct m_instr *in = &s->instrs[k];
			const char *mgr;
			size_t h;

			if (in->kind != K_RUN || !in->user_instr || !in->user ||
			    m_user_is_root(in->user) || strchr(in->user, '$'))
				continue;
			if (!(mgr = install_manager(in)))
				continue;
			for (h = 0; h < nhits; h++)
				if (hits[h].user == in->user_instr)
					break;
			if (h < nhits) {
				hits[h].more++;
				continue;
			}
			*ARENA_PUSH(c->a, hits, nhits, cap) = (struct hit){
				in->user_instr, in, mgr, 0
			};
		}
	}
	for (size_t h = 0; h < nhits; h++) {
		const struct hit *t = &hits[h];
		struct finding *f;
		char more[48] = "";

		if (t->more)
			snprintf(more, sizeof(more), " (and %zu more RUN%s)", t->more,
				 t->more == 1 ? "" : "s");
		f = rule_report(c, t->user,
				"USER %s is in effect when line %u installs OS packages with %s%s, "
				"which needs root",
				t->user->words[0], t->first->node->start.line, t->manager, more);
		f->fix = arena_printf(c->a,
				      "Move USER %s below the %s install on line %u, or run the "
				      "install as root (USER root before it, USER %s after)",
				      t->user->words[0], t->manager, t->first->node->start.line,
				      t->user->words[0]);
	}
}

const struct check check_user_before_packages = {
	.rule = &SW0202,
	.dockerfile = check,
};
