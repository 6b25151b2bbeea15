/* SW0103: a host user is in the docker group (root-equivalent). Checked by src/host/. */
#include "rules/rule.h"

const struct rule rule_host_docker_group = {
	.id = "SW0103",
	.title = "A host user is in the docker group (root-equivalent)",
	.severity = SEV_INFO,
	.checklist = 1,
	.layer = "host",
	.why = "Membership of the docker group lets the user run Docker without sudo, "
	       "which satisfies the checklist. But whoever can reach the Docker socket "
	       "can start a container that mounts / and so is root on the host: the "
	       "docker group is root-equivalent. Rootless Docker "
	       "(dockerd-rootless-setuptool.sh install) runs the daemon as the user "
	       "instead.",
	.bad = "$ id deploy\nuid=1001(deploy) gid=1001(deploy) groups=1001(deploy),999(docker)\n",
	.good = "$ id deploy\nuid=1001(deploy) gid=1001(deploy) groups=1001(deploy)\n$ "
	        "ls $XDG_RUNTIME_DIR/docker.sock   # rootless Docker\n",
	.fix = "Prefer rootless Docker for the user, and keep the docker group for "
	       "trusted administrators",
};
