/* SW0028: FROM pins the platform. */
#include "checks/check.h"

#include <string.h>

static void check(struct rule_ctx *c)
{
	for (size_t i = 0; i < c->df->nstages; i++) {
		const struct m_instr *from = &c->df->stages[i].instrs[0];
		const char *p = df_flag(from->node, "platform");

		/* $BUILDPLATFORM, $TARGETPLATFORM: what multi-platform builds use. */
		if (!p || !*p || strchr(p, '$'))
			continue;
		rule_report(c, from, "FROM --platform=%s builds this stage for %s whatever the "
			    "build asks for: elsewhere it runs emulated or ships the wrong "
			    "binaries", p, p);
	}
}

const struct check check_from_platform = {
	.rule = &SW0028,
	.dockerfile = check,
};
