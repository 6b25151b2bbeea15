/* SW0503: An ARG is read at run time, where it no longer exists. */
#include "rules/rule.h"

static void check(struct rule_ctx *c)
{
	(void)c; /* TODO */
}

const struct rule rule_arg_at_runtime = {
	.id = "SW0503",
	.title = "An ARG is read at run time, where it no longer exists",
	.severity = SEV_WARNING,
	.checklist = 5,
	.layer = "dockerfile",
	.why = "TODO",
	.bad = "TODO\n",
	.good = "TODO\n",
	.fix = "TODO",
	.check_dockerfile = check,
};
