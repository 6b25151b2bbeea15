/* SW0007: More than one CMD, ENTRYPOINT or HEALTHCHECK in a stage. */
#include "checks/check.h"

static void check_kind(struct rule_ctx *c, const struct m_stage *s, enum m_kind kind,
		       const char *kw)
{
	const struct m_instr *last = NULL;
	struct finding *f;

	for (size_t i = s->ninstrs; i-- > 1;) {
		if (s->instrs[i].kind == kind) {
			last = &s->instrs[i];
			break;
		}
	}
	if (!last)
		return;
	for (size_t i = 1; i < last->index; i++) {
		const struct m_instr *in = &s->instrs[i];

		if (in->kind != kind)
			continue;
		f = rule_report(c, in, "this %s is ignored: the %s on line %u replaces it",
				kw, kw, last->node->start.line);
		f->fix = arena_printf(c->a, "Remove this %s and keep only the one on line %u",
				      kw, last->node->start.line);
	}
}

static void check(struct rule_ctx *c)
{
	for (size_t i = 0; i < c->df->nstages; i++) {
		check_kind(c, &c->df->stages[i], K_CMD, "CMD");
		check_kind(c, &c->df->stages[i], K_ENTRYPOINT, "ENTRYPOINT");
		check_kind(c, &c->df->stages[i], K_HEALTHCHECK, "HEALTHCHECK");
	}
}

const struct check check_multiple_cmd = {
	.rule = &SW0007,
	.dockerfile = check,
};
