/* SW0005: The final stage of a service image has no HEALTHCHECK. */
#include "rules/rule.h"

static void check(struct rule_ctx *c)
{
	const struct m_stage *final = c->df->final;
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
	rule_report(c, &final->instrs[0], "the final stage EXPOSEs %s (line %u) but has no "
		    "HEALTHCHECK, so a hung server still counts as running",
		    port, expose->node->start.line);
}

const struct rule rule_no_healthcheck = {
	.id = "SW0005",
	.title = "The final stage of a service image has no HEALTHCHECK",
	.severity = SEV_INFO,
	.checklist = 0,
	.layer = "dockerfile",
	.why = "Without a health check, Docker only knows whether the process exists: a server "
	       "that deadlocked, lost its database or stopped answering stays \"running\" and keeps "
	       "receiving traffic. A HEALTHCHECK marks it unhealthy, so the orchestrator, "
	       "depends_on: service_healthy and your monitoring can react.",
	.bad = "FROM node:20-slim\nWORKDIR /app\nCOPY . .\nEXPOSE 3000\nCMD [\"node\", \"server.js\"]\n",
	.good = "FROM node:20-slim\nWORKDIR /app\nCOPY . .\nEXPOSE 3000\n"
		"HEALTHCHECK --interval=30s --timeout=3s CMD [\"node\", \"healthcheck.js\"]\n"
		"CMD [\"node\", \"server.js\"]\n",
	.fix = "Add a HEALTHCHECK that probes the service (or HEALTHCHECK NONE if the "
	       "orchestrator checks it)",
	.check_dockerfile = check,
};
