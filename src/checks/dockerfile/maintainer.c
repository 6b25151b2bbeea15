/* SW0011: MAINTAINER is deprecated. */
#include "checks/check.h"

static void check(struct rule_ctx *c)
{
	for (size_t i = 0; i < c->df->nstages; i++) {
		const struct m_stage *s = &c->df->stages[i];

		for (size_t j = 1; j < s->ninstrs; j++)
			if (s->instrs[j].kind == K_MAINTAINER)
				rule_report(c, &s->instrs[j], "MAINTAINER is deprecated: the "
					    "org.opencontainers.image.authors label is what registries "
					    "and scanners read");
	}
}

const struct check check_maintainer = {
	.rule = &SW0011,
	.dockerfile = check,
};
