/* SW0702: A daemon is started in the background beside the main process. */
#include "rules/rule.h"

static void check(struct rule_ctx *c)
{
	(void)c; /* TODO */
}

const struct rule rule_background_daemon = {
	.id = "SW0702",
	.title = "A daemon is started in the background beside the main process",
	.severity = SEV_WARNING,
	.checklist = 7,
	.layer = "dockerfile",
	.why = "TODO",
	.bad = "TODO\n",
	.good = "TODO\n",
	.fix = "TODO",
	.check_dockerfile = check,
};
