/* SW0504: A build-only setting is kept as ENV. */
#include "rules/rule.h"

static void check(struct rule_ctx *c)
{
	(void)c; /* TODO */
}

const struct rule rule_build_only_env = {
	.id = "SW0504",
	.title = "A build-only setting is kept as ENV",
	.severity = SEV_WARNING,
	.checklist = 5,
	.layer = "dockerfile",
	.why = "TODO",
	.bad = "TODO\n",
	.good = "TODO\n",
	.fix = "TODO",
	.check_dockerfile = check,
};
