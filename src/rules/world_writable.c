/* SW0404: chmod 777 or a+w on app folders. */
#include "rules/rule.h"

static void check(struct rule_ctx *c)
{
	(void)c; /* TODO */
}

const struct rule rule_world_writable = {
	.id = "SW0404",
	.title = "chmod 777 or a+w on app folders",
	.severity = SEV_WARNING,
	.checklist = 4,
	.layer = "dockerfile",
	.why = "TODO",
	.bad = "TODO\n",
	.good = "TODO\n",
	.fix = "TODO",
	.check_dockerfile = check,
};
