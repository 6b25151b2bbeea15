/* SW0107: the sudo rights of a host user could not be checked. Checked by src/host/. */
#include "rules/rule.h"

const struct rule rule_host_sudoers_unchecked = {
	.id = "SW0107",
	.title = "The sudo rights of a host user could not be checked",
	.severity = SEV_INFO,
	.checklist = 1,
	.layer = "host",
	.why = "/etc/sudoers (or a file it includes) is readable only by root, so "
	       "seaworthy cannot tell whether the user may become root; it does not "
	       "guess. Run seaworthy host with sudo to check the sudo rights too.",
	.bad = "$ seaworthy host\n",
	.good = "$ sudo seaworthy host   # checks the user who ran sudo\n",
	.fix = "Run seaworthy host as root (sudo keeps the invoking user as the one checked)",
};
