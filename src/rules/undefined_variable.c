/* SW0505: A variable is used but never defined. */
#include "rules/rule.h"

static void check(struct rule_ctx *c)
{
	(void)c; /* TODO */
}

const struct rule rule_undefined_variable = {
	.id = "SW0505",
	.title = "A variable is used but never defined",
	.severity = SEV_WARNING,
	.checklist = 5,
	.layer = "dockerfile",
	.why = "TODO",
	.bad = "TODO\n",
	.good = "TODO\n",
	.fix = "TODO",
	.check_dockerfile = check,
};
