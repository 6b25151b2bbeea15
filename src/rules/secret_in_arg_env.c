/* SW0501: A secret is kept in ARG or ENV. */
#include "rules/rule.h"

static void check(struct rule_ctx *c)
{
	(void)c; /* TODO */
}

const struct rule rule_secret_in_arg_env = {
	.id = "SW0501",
	.title = "A secret is kept in ARG or ENV",
	.severity = SEV_ERROR,
	.checklist = 5,
	.layer = "dockerfile",
	.why = "TODO",
	.bad = "TODO\n",
	.good = "TODO\n",
	.fix = "TODO",
	.check_dockerfile = check,
};
