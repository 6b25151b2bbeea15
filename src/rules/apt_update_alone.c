/* SW0303: apt-get update runs alone in its RUN. */
#include "rules/rule.h"

static void check(struct rule_ctx *c)
{
	(void)c; /* TODO */
}

const struct rule rule_apt_update_alone = {
	.id = "SW0303",
	.title = "apt-get update runs alone in its RUN",
	.severity = SEV_WARNING,
	.checklist = 3,
	.layer = "dockerfile",
	.why = "TODO",
	.bad = "TODO\n",
	.good = "TODO\n",
	.fix = "TODO",
	.check_dockerfile = check,
};
