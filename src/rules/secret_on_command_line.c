/* SW0502: A secret is passed on a RUN command line. */
#include "rules/rule.h"

static void check(struct rule_ctx *c)
{
	(void)c; /* TODO */
}

const struct rule rule_secret_on_command_line = {
	.id = "SW0502",
	.title = "A secret is passed on a RUN command line",
	.severity = SEV_ERROR,
	.checklist = 5,
	.layer = "dockerfile",
	.why = "TODO",
	.bad = "TODO\n",
	.good = "TODO\n",
	.fix = "TODO",
	.check_dockerfile = check,
};
