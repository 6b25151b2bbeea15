/* SW0001: A base image has no tag or uses latest. */
#include "rules/rule.h"

static void check(struct rule_ctx *c)
{
	(void)c; /* TODO */
}

const struct rule rule_latest_tag = {
	.id = "SW0001",
	.title = "A base image has no tag or uses latest",
	.severity = SEV_WARNING,
	.checklist = 0,
	.layer = "dockerfile",
	.why = "TODO",
	.bad = "TODO\n",
	.good = "TODO\n",
	.fix = "TODO",
	.check_dockerfile = check,
};
