/* SW0102: a host user may run commands as root through sudo. Checked by src/host/. */
#include "rules/rule.h"

const struct rule rule_host_sudo_root = {
	.id = "SW0102",
	.title = "A host user may run commands as root through sudo",
	.severity = SEV_WARNING,
	.checklist = 1,
	.layer = "host",
	.why = "The deploying user should not be root and should not be able to become "
	       "root: a stolen key or a compromised CI job then owns the host. sudo "
	       "rights to run commands as root undo that, and NOPASSWD: ALL removes "
	       "even the password barrier (it is an error). seaworthy parses "
	       "/etc/sudoers and its includes as sudo does: aliases, %group, %#gid, "
	       "#uid, negation and tags.",
	.bad = "# /etc/sudoers.d/deploy\ndeploy ALL=(ALL) NOPASSWD: ALL\n",
	.good = "# no sudo rights for the deploying user; it runs Docker rootless\n",
	.fix = "Remove the user's sudo rights (or narrow them to specific commands, "
	       "run as another user)",
};
