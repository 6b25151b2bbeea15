/* SW0007: More than one CMD or ENTRYPOINT in a stage. */
#include "rules/rule.h"

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
	}
}

const struct rule rule_multiple_cmd = {
	.id = "SW0007",
	.title = "More than one CMD or ENTRYPOINT in a stage",
	.severity = SEV_WARNING,
	.checklist = 0,
	.layer = "dockerfile",
	.why = "Only the last CMD and the last ENTRYPOINT of a stage take effect; the earlier "
	       "ones are silently dropped. Two CMDs usually mean someone expected both processes "
	       "to start, or a debugging leftover that now misleads readers about what runs.",
	.bad = "FROM node:20-slim\nWORKDIR /app\nCOPY . .\nCMD [\"node\", \"worker.js\"]\n"
	       "CMD [\"node\", \"server.js\"]\n",
	.good = "FROM node:20-slim\nWORKDIR /app\nCOPY . .\nCMD [\"node\", \"server.js\"]\n",
	.fix = "Keep one CMD and one ENTRYPOINT per stage; run other processes in their own containers",
	.check_dockerfile = check,
};
