/* SW0703: An SSH server is installed or port 22 is exposed. */
#include "rules/rule.h"

static void check(struct rule_ctx *c)
{
	(void)c; /* TODO */
}

const struct rule rule_sshd = {
	.id = "SW0703",
	.title = "An SSH server is installed or port 22 is exposed",
	.severity = SEV_WARNING,
	.checklist = 7,
	.layer = "dockerfile",
	.why = "TODO",
	.bad = "TODO\n",
	.good = "TODO\n",
	.fix = "TODO",
	.check_dockerfile = check,
};
