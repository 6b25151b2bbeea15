/* SW0027: a stage has a reserved name. */
#include "checks/check.h"

#include "util/str.h"

static void check(struct rule_ctx *c)
{
	for (size_t i = 0; i < c->df->nstages; i++) {
		const struct m_stage *s = &c->df->stages[i];

		/* Names are lowercased in the model. */
		if (s->name && (str_eq(s->name, "scratch") || str_eq(s->name, "context")))
			rule_report(c, &s->instrs[0], "%s is a reserved name: FROM and --from=%s "
				    "mean %s, not this stage", s->name, s->name,
				    str_eq(s->name, "scratch") ? "the empty image"
							       : "the build context");
	}
}

const struct check check_reserved_stage = {
	.rule = &SW0027,
	.dockerfile = check,
};
