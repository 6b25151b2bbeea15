/* SW0203: sudo is used in the image. */
#include "rules/rule.h"

static void check(struct rule_ctx *c)
{
	(void)c; /* TODO */
}

const struct rule rule_sudo = {
	.id = "SW0203",
	.title = "sudo is used in the image",
	.severity = SEV_WARNING,
	.checklist = 2,
	.layer = "dockerfile",
	.why = "TODO",
	.bad = "TODO\n",
	.good = "TODO\n",
	.fix = "TODO",
	.check_dockerfile = check,
};
