/* SW0009: a suppression comment that suppresses nothing. Raised by
 * src/suppress, not by a check over the model. */
#include "rules/rule.h"

const struct rule rule_unused_suppression = {
	.id = "SW0009",
	.title = "A suppression comment suppresses nothing",
	.severity = SEV_INFO,
	.checklist = 0,
	.layer = "any",
	.why = "A suppression outlives the problem it hid: once the code is fixed or moved, the "
	       "comment silently waits to hide the next, unrelated finding of that rule. Removing "
	       "stale suppressions keeps the list of accepted risks true.",
	.bad = "# seaworthy ignore=SW0201 -- legacy image runs as root\nFROM debian:12\n"
	       "USER app\n",
	.good = "FROM debian:12\nUSER app\n",
	.fix = "Delete the suppression comment, or name the rule that still fires there",
	.check_dockerfile = NULL,
};
