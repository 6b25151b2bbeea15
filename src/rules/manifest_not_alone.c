/* SW0302: A dependency manifest is not copied on its own before the install. */
#include "rules/rule.h"

static void check(struct rule_ctx *c)
{
	(void)c; /* TODO */
}

const struct rule rule_manifest_not_alone = {
	.id = "SW0302",
	.title = "A dependency manifest is not copied on its own before the install",
	.severity = SEV_WARNING,
	.checklist = 3,
	.layer = "dockerfile",
	.why = "TODO",
	.bad = "TODO\n",
	.good = "TODO\n",
	.fix = "TODO",
	.check_dockerfile = check,
};
