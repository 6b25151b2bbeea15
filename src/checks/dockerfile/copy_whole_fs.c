/* SW0024: COPY --from copies a whole filesystem. */
#include "checks/check.h"

#include <string.h>

#include "util/str.h"

static bool root(const char *p)
{
	return str_eq(p, "/") || str_eq(p, "/.") || str_eq(p, "/*");
}

/* Whether the stage or one it is FROM runs on the build's platform
 * (FROM --platform=$BUILDPLATFORM): a cross-building tool stage, whose
 * image is never the one shipped for the target. */
static bool build_platform(const struct m_stage *s)
{
	const struct m_stage *chain[64];
	size_t n = stage_chain(s, chain, 64);

	for (size_t k = 0; k < n; k++) {
		const char *p = df_flag(chain[k]->instrs[0].node, "platform");

		if (p && strstr(p, "BUILDPLATFORM"))
			return true;
	}
	return false;
}

static void check(struct rule_ctx *c)
{
	const bool *ships = rule_stages_ship(c);

	for (size_t i = 0; i < c->df->nstages; i++) {
		const struct m_stage *s = &c->df->stages[i];

		/* A builder may take a toolchain whole (COPY --from=xx / /); FROM
		 * scratch, whole: a stage made to export files (--output). */
		if (!ships[i] || m_stage_from_scratch(s) || build_platform(s))
			continue;
		for (size_t j = 1; j < s->ninstrs; j++) {
			const struct m_instr *in = &s->instrs[j];

			if (in->kind != K_COPY || !in->copy_from || in->nwords != 2 ||
			    !root(in->words[0]) || !root(in->words[1]))
				continue;
			rule_report(c, in, "COPY --from=%s / / copies all of it, package manager, "
				    "caches and build tools included: copy the folders the image "
				    "needs", in->copy_from);
		}
	}
}

const struct check check_copy_whole_fs = {
	.rule = &SW0024,
	.dockerfile = check,
};
