/* SW0402: Files are copied as root into a folder the app user must write to. */
#include "rules/rule.h"

static void check(struct rule_ctx *c)
{
	(void)c; /* TODO */
}

const struct rule rule_copy_without_chown = {
	.id = "SW0402",
	.title = "Files are copied as root into a folder the app user must write to",
	.severity = SEV_WARNING,
	.checklist = 4,
	.layer = "dockerfile",
	.why = "TODO",
	.bad = "TODO\n",
	.good = "TODO\n",
	.fix = "TODO",
	.check_dockerfile = check,
};
