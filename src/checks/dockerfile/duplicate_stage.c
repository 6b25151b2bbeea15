/* SW0012: Two stages have the same name. */
#include "checks/check.h"

#include "util/str.h"

static void check(struct rule_ctx *c)
{
	for (size_t i = 1; i < c->df->nstages; i++) {
		const struct m_stage *s = &c->df->stages[i];

		if (!s->name)
			continue;
		/* Names are lowercased in the model, as BuildKit compares them. */
		for (size_t j = 0; j < i; j++) {
			const struct m_stage *t = &c->df->stages[j];

			if (!t->name || !str_eq(t->name, s->name))
				continue;
			rule_report(c, &s->instrs[0], "the stage on line %u is named %s too: FROM, "
				    "COPY --from and --target %s cannot say which one they mean",
				    t->instrs[0].node->start.line, s->name, s->name);
			break;
		}
	}
}

const struct check check_duplicate_stage = {
	.rule = &SW0012,
	.dockerfile = check,
};
