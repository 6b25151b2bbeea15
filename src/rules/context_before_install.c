/* SW0301: The whole build context is copied before a dependency install. */
#include "rules/rule.h"

static void check(struct rule_ctx *c)
{
	(void)c; /* TODO */
}

const struct rule rule_context_before_install = {
	.id = "SW0301",
	.title = "The whole build context is copied before a dependency install",
	.severity = SEV_WARNING,
	.checklist = 3,
	.layer = "dockerfile",
	.why = "TODO",
	.bad = "TODO\n",
	.good = "TODO\n",
	.fix = "TODO",
	.check_dockerfile = check,
};
