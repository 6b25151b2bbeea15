/* SW0403: chown -R runs in a separate RUN after COPY. */
#include "rules/rule.h"

static void check(struct rule_ctx *c)
{
	(void)c; /* TODO */
}

const struct rule rule_chown_separate_layer = {
	.id = "SW0403",
	.title = "chown -R runs in a separate RUN after COPY",
	.severity = SEV_WARNING,
	.checklist = 4,
	.layer = "dockerfile",
	.why = "TODO",
	.bad = "TODO\n",
	.good = "TODO\n",
	.fix = "TODO",
	.check_dockerfile = check,
};
