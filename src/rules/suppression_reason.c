/* SW0010: a suppression without a reason, when --require-reasons is given.
 * Raised by src/suppress. */
#include "rules/rule.h"

const struct rule rule_suppression_reason = {
	.id = "SW0010",
	.title = "A suppression comment gives no reason",
	.severity = SEV_ERROR,
	.checklist = 0,
	.layer = "any",
	.why = "With --require-reasons, every accepted risk must say why it is accepted, so that "
	       "reviewers and later maintainers can judge whether it still holds.",
	.bad = "# seaworthy ignore=SW0201\nFROM debian:12\n",
	.good = "# seaworthy ignore=SW0201 -- the init system drops privileges itself\n"
		"FROM debian:12\n",
	.fix = "Add the reason after two dashes: # seaworthy ignore=ID -- reason",
	.check_dockerfile = NULL,
};
