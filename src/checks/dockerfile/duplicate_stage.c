/* SW0012: Two stages have the same name. */
#include "checks/check.h"

#include "util/smap.h"

static void check(struct rule_ctx *c)
{
	/* Name -> the first stage of that name: one lookup a stage. */
	struct smap first = SMAP_IN(c->a);

	for (size_t i = 0; i < c->df->nstages; i++) {
		const struct m_stage *s = &c->df->stages[i];
		size_t *at;

		/* Names are lowercased in the model, as BuildKit compares them. */
		if (!s->name)
			continue;
		if (!(at = smap_find(&first, s->name))) {
			smap_put(&first, s->name, i);
			continue;
		}
		rule_report(c, &s->instrs[0], "the stage on line %u is named %s too: FROM, "
			    "COPY --from and --target %s cannot say which one they mean",
			    c->df->stages[*at].instrs[0].node->start.line, s->name, s->name);
	}
}

const struct check check_duplicate_stage = {
	.rule = &SW0012,
	.dockerfile = check,
};
