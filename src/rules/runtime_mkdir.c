/* SW0401: Directories are created or chowned when the container starts. */
#include "rules/rule.h"

static void check(struct rule_ctx *c)
{
	(void)c; /* TODO */
}

const struct rule rule_runtime_mkdir = {
	.id = "SW0401",
	.title = "Directories are created or chowned when the container starts",
	.severity = SEV_WARNING,
	.checklist = 4,
	.layer = "dockerfile",
	.why = "TODO",
	.bad = "TODO\n",
	.good = "TODO\n",
	.fix = "TODO",
	.check_dockerfile = check,
};
