/* SW0105: the Docker socket is not root:docker with mode 0660 or stricter. Checked by src/host/. */
#include "rules/rule.h"

const struct rule rule_host_socket_mode = {
	.id = "SW0105",
	.title = "The Docker socket is not root:docker with mode 0660 or stricter",
	.severity = SEV_ERROR,
	.checklist = 1,
	.layer = "host",
	.why = "The Docker socket is root access to the host. It must belong to root "
	       "and the docker group, and grant nothing beyond read-write to them (mode "
	       "0660 or stricter, compared bit by bit: 0640 is fine, 0666 and 0770 are "
	       "not). A world writable socket makes every local user, and every "
	       "container that mounts it, root.",
	.bad = "$ ls -l /var/run/docker.sock\nsrw-rw-rw- 1 root docker 0 /var/run/docker.sock\n",
	.good = "$ ls -l /var/run/docker.sock\nsrw-rw---- 1 root docker 0 /var/run/docker.sock\n",
	.fix = "Let systemd's docker.socket create it (SocketMode=0660, "
	       "SocketUser=root, SocketGroup=docker)",
};
