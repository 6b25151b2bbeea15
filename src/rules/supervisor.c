/* SW0701: A process supervisor is the main process. */
#include "rules/rule.h"

static void check(struct rule_ctx *c)
{
	(void)c; /* TODO */
}

const struct rule rule_supervisor = {
	.id = "SW0701",
	.title = "A process supervisor is the main process",
	.severity = SEV_WARNING,
	.checklist = 7,
	.layer = "dockerfile",
	.why = "TODO",
	.bad = "TODO\n",
	.good = "TODO\n",
	.fix = "TODO",
	.check_dockerfile = check,
};
