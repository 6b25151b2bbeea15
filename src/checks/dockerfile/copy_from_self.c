/* SW0014: COPY --from names the stage it is in. */
#include "checks/check.h"

#include <stdlib.h>
#include <strings.h>

static bool names_stage(const char *from, const struct m_stage *s)
{
	char *end;
	unsigned long n;

	if (s->name && !strcasecmp(from, s->name))
		return true;
	n = strtoul(from, &end, 10);
	return end != from && !*end && n == s->index;
}

static void check(struct rule_ctx *c)
{
	for (size_t i = 0; i < c->df->nstages; i++) {
		const struct m_stage *s = &c->df->stages[i];

		for (size_t j = 1; j < s->ninstrs; j++) {
			const struct m_instr *in = &s->instrs[j];

			/* With an earlier stage of that name it names that one (SW0012 says so). */
			if (in->kind != K_COPY || !in->copy_from || in->from_stage ||
			    !names_stage(in->copy_from, s))
				continue;
			rule_report(c, in, "COPY --from=%s names this stage itself, which does not "
				    "exist before it is built: BuildKit stops with a circular "
				    "dependency", in->copy_from);
		}
	}
}

const struct check check_copy_from_self = {
	.rule = &SW0014,
	.dockerfile = check,
};
