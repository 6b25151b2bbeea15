/* SW0004: A RUN pipes commands without set -o pipefail. */
#include "rules/rule.h"

static void check(struct rule_ctx *c)
{
	(void)c; /* TODO */
}

const struct rule rule_pipefail = {
	.id = "SW0004",
	.title = "A RUN pipes commands without set -o pipefail",
	.severity = SEV_WARNING,
	.checklist = 0,
	.layer = "dockerfile",
	.why = "TODO",
	.bad = "TODO\n",
	.good = "TODO\n",
	.fix = "TODO",
	.check_dockerfile = check,
};
