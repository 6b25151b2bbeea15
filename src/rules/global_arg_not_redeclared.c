/* SW0506: An ARG declared before FROM is used in a stage without being declared again. */
#include "rules/rule.h"

static void check(struct rule_ctx *c)
{
	(void)c; /* TODO */
}

const struct rule rule_global_arg_not_redeclared = {
	.id = "SW0506",
	.title = "An ARG declared before FROM is used in a stage without being declared again",
	.severity = SEV_WARNING,
	.checklist = 5,
	.layer = "dockerfile",
	.why = "TODO",
	.bad = "TODO\n",
	.good = "TODO\n",
	.fix = "TODO",
	.check_dockerfile = check,
};
