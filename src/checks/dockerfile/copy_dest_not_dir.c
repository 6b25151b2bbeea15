/* SW0015: COPY or ADD copies several sources to a destination without a final /. */
#include "checks/check.h"

#include <string.h>

static void check(struct rule_ctx *c)
{
	for (size_t i = 0; i < c->df->nstages; i++) {
		const struct m_stage *s = &c->df->stages[i];

		for (size_t j = 1; j < s->ninstrs; j++) {
			const struct m_instr *in = &s->instrs[j];
			const char *dest;
			size_t n;

			if ((in->kind != K_COPY && in->kind != K_ADD) || in->nwords < 3 ||
			    in->node->nheredocs)
				continue;
			dest = in->words[in->nwords - 1];
			n = strlen(dest);
			/* An unexpanded variable may end with the slash; a Windows
			 * folder ends with a backslash. */
			if (!n || dest[n - 1] == '/' || dest[n - 1] == '\\' || strchr(dest, '$'))
				continue;
			rule_report(c, in, "%s has %zu sources and its destination %s does not end "
				    "with /: the classic builder refuses it; write %s/",
				    in->kind == K_COPY ? "COPY" : "ADD", in->nwords - 1, dest, dest);
		}
	}
}

const struct check check_copy_dest_not_dir = {
	.rule = &SW0015,
	.dockerfile = check,
};
