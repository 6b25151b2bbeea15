/* SW0006: WORKDIR is a relative path. */
#include "rules/rule.h"

static void check(struct rule_ctx *c)
{
	(void)c; /* TODO */
}

const struct rule rule_relative_workdir = {
	.id = "SW0006",
	.title = "WORKDIR is a relative path",
	.severity = SEV_WARNING,
	.checklist = 0,
	.layer = "dockerfile",
	.why = "TODO",
	.bad = "TODO\n",
	.good = "TODO\n",
	.fix = "TODO",
	.check_dockerfile = check,
};
