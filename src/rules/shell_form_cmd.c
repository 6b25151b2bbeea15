/* SW0003: CMD or ENTRYPOINT in shell form loses signals. */
#include "rules/rule.h"

static void check(struct rule_ctx *c)
{
	(void)c; /* TODO */
}

const struct rule rule_shell_form_cmd = {
	.id = "SW0003",
	.title = "CMD or ENTRYPOINT in shell form loses signals",
	.severity = SEV_WARNING,
	.checklist = 0,
	.layer = "dockerfile",
	.why = "TODO",
	.bad = "TODO\n",
	.good = "TODO\n",
	.fix = "TODO",
	.check_dockerfile = check,
};
