/* SW0106: an ACL on the Docker socket grants access to other users or groups. Checked by
 * src/host/. */
#include "rules/rule.h"

const struct rule rule_host_socket_acl = {
	.id = "SW0106",
	.title = "An ACL on the Docker socket grants access to other users or groups",
	.severity = SEV_WARNING,
	.checklist = 1,
	.layer = "host",
	.why = "A POSIX ACL adds users and groups beyond the owner and group shown by "
	       "ls -l: each one it grants access to the Docker socket is "
	       "root-equivalent on the host, invisibly to anyone who checks only the "
	       "mode.",
	.bad = "$ getfacl /var/run/docker.sock\nuser::rw-\nuser:ci:rw-\ngroup::rw-\n"
	       "mask::rw-\nother::---\n",
	.good = "$ getfacl /var/run/docker.sock\nuser::rw-\ngroup::rw-\nother::---\n",
	.fix = "Remove the extra entries (setfacl -b /var/run/docker.sock) and grant "
	       "access through the docker group or rootless Docker",
};
