/* SW0025: COPY or ADD to a relative path with no WORKDIR set. */
#include "checks/check.h"

#include <ctype.h>

#include "checks/dockerfile/helpers.h"

static bool is_workdir(const struct m_instr *in, const void *ctx)
{
	(void)ctx;
	return in->kind == K_WORKDIR;
}

static void check(struct rule_ctx *c)
{
	for (size_t i = 0; i < c->df->nstages; i++) {
		const struct m_stage *s = &c->df->stages[i];
		const struct m_instr *wd;

		/* FROM scratch: the WORKDIR is / and nothing can change it. */
		if (m_stage_from_scratch(s))
			continue;
		wd = chain_first(s, is_workdir, NULL);
		for (size_t j = 1; j < s->ninstrs; j++) {
			const struct m_instr *in = &s->instrs[j];
			const char *d;

			if ((in->kind != K_COPY && in->kind != K_ADD) || in->nwords < 2 ||
			    in->node->nheredocs)
				continue;
			d = in->words[in->nwords - 1];
			/* Absolute, a Windows path (C:\app), or a variable's. */
			if (!*d || d[0] == '/' || d[0] == '\\' || d[0] == '$' ||
			    (isalpha((unsigned char)d[0]) && d[1] == ':') ||
			    (wd && chain_before(wd, in)))
				continue;
			rule_report(c, in, "%s to %s with no WORKDIR set: it lands in the base image's "
				    "WORKDIR, which this Dockerfile does not show; set WORKDIR first",
				    in->kind == K_COPY ? "COPY" : "ADD", d);
			break;
		}
	}
}

const struct check check_copy_relative_dest = {
	.rule = &SW0025,
	.dockerfile = check,
};
