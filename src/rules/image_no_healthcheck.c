/* SW0871: The image config has no Healthcheck. */
#include "image/image.h"
#include "rules/rule.h"

static void check(struct rule_ctx *c)
{
	if (!c->image->healthcheck && c->image->nports)
		report_add(c->report, c->rule, NULL, 0, 0, 0, 0,
			   "the image exposes %s but has no Healthcheck", c->image->ports[0]);
}

const struct rule rule_image_no_healthcheck = {
	.id = "SW0871",
	.title = "The image has no health check",
	.severity = SEV_INFO,
	.checklist = 8,
	.layer = "image",
	.why = "Without a health check Docker only knows that the process exists; a hung server "
	       "keeps counting as running.",
	.bad = "EXPOSE 8080\nCMD [\"./server\"]\n",
	.good = "EXPOSE 8080\nHEALTHCHECK CMD [\"./healthcheck\"]\nCMD [\"./server\"]\n",
	.fix = "Add a HEALTHCHECK to the Dockerfile (or HEALTHCHECK NONE when the orchestrator "
	       "probes it)",
	.check_image = check,
};
