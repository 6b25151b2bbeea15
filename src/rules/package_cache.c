/* SW0304: Package manager caches are left in the layer. */
#include "rules/rule.h"

static void check(struct rule_ctx *c)
{
	(void)c; /* TODO */
}

const struct rule rule_package_cache = {
	.id = "SW0304",
	.title = "Package manager caches are left in the layer",
	.severity = SEV_WARNING,
	.checklist = 3,
	.layer = "dockerfile",
	.why = "TODO",
	.bad = "TODO\n",
	.good = "TODO\n",
	.fix = "TODO",
	.check_dockerfile = check,
};
