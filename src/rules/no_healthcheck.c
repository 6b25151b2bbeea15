/* SW0005: The final stage of a service image has no HEALTHCHECK. */
#include "rules/rule.h"

static void check(struct rule_ctx *c)
{
	(void)c; /* TODO */
}

const struct rule rule_no_healthcheck = {
	.id = "SW0005",
	.title = "The final stage of a service image has no HEALTHCHECK",
	.severity = SEV_INFO,
	.checklist = 0,
	.layer = "dockerfile",
	.why = "TODO",
	.bad = "TODO\n",
	.good = "TODO\n",
	.fix = "TODO",
	.check_dockerfile = check,
};
