/* SW0204: A non-root USER is never created. */
#include "rules/rule.h"

static void check(struct rule_ctx *c)
{
	(void)c; /* TODO */
}

const struct rule rule_user_not_created = {
	.id = "SW0204",
	.title = "A non-root USER is never created",
	.severity = SEV_INFO,
	.checklist = 2,
	.layer = "dockerfile",
	.why = "TODO",
	.bad = "TODO\n",
	.good = "TODO\n",
	.fix = "TODO",
	.check_dockerfile = check,
};
