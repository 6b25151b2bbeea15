/* SW0202: USER switches away from root before OS packages are installed. */
#include "rules/rule.h"

static void check(struct rule_ctx *c)
{
	(void)c; /* TODO */
}

const struct rule rule_user_before_packages = {
	.id = "SW0202",
	.title = "USER switches away from root before OS packages are installed",
	.severity = SEV_WARNING,
	.checklist = 2,
	.layer = "dockerfile",
	.why = "TODO",
	.bad = "TODO\n",
	.good = "TODO\n",
	.fix = "TODO",
	.check_dockerfile = check,
};
