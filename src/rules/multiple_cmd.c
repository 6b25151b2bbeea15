/* SW0007: More than one CMD or ENTRYPOINT in a stage. */
#include "rules/rule.h"

static void check(struct rule_ctx *c)
{
	(void)c; /* TODO */
}

const struct rule rule_multiple_cmd = {
	.id = "SW0007",
	.title = "More than one CMD or ENTRYPOINT in a stage",
	.severity = SEV_WARNING,
	.checklist = 0,
	.layer = "dockerfile",
	.why = "TODO",
	.bad = "TODO\n",
	.good = "TODO\n",
	.fix = "TODO",
	.check_dockerfile = check,
};
