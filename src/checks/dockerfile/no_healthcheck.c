/* SW0005: A shipped stage of a service image has no HEALTHCHECK. */
#include "checks/check.h"

static void check(struct rule_ctx *c)
{
	const struct m_stage *final = c->stage;
	const struct m_instr *expose = NULL;
	const char *port;

	if (!final || !final->ninstrs)
		return;
	/* The image's config is the chain's: FROM <stage> inherits both. */
	for (const struct m_stage *s = final; s; s = s->base_stage) {
		for (size_t i = s->ninstrs; i-- > 1;) {
			const struct m_instr *in = &s->instrs[i];

			if (in->kind == K_HEALTHCHECK)
				return;	/* HEALTHCHECK NONE is a choice too */
			if (in->kind == K_EXPOSE && in->nwords && !expose)
				expose = in;
		}
	}
	if (!expose)
		return;
	port = *expose->words[0] ? expose->words[0] : expose->node->args[0].value;
	rule_report(c, &final->instrs[0], "%s EXPOSEs %s (line %u) but has no "
		    "HEALTHCHECK, so a hung server still counts as running", c->stage_label,
		    port, expose->node->start.line);
}

const struct check check_no_healthcheck = {
	.rule = &SW0005,
	.stage = check,
};
