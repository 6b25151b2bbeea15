/* SW0104: a host user cannot use Docker without sudo. Checked by src/host/. */
#include "rules/rule.h"

const struct rule rule_host_no_docker = {
	.id = "SW0104",
	.title = "A host user cannot use Docker without sudo",
	.severity = SEV_WARNING,
	.checklist = 1,
	.layer = "host",
	.why = "A user that is neither in the docker group nor running rootless Docker "
	       "can only drive Docker through sudo, that is as root: deployments then "
	       "run with full root rights and every script needs sudo. Rootless Docker "
	       "is detected by a docker.sock under $XDG_RUNTIME_DIR (or DOCKER_HOST "
	       "pointing at one), or by name=rootless in the security options of the "
	       "engine the user reaches (DOCKER_HOST, else the default socket).",
	.bad = "$ sudo docker compose up -d\n",
	.good = "$ dockerd-rootless-setuptool.sh install\n$ docker compose up -d\n",
	.fix = "Install rootless Docker for the user (or add it to the docker group, "
	       "knowing that is root-equivalent)",
};
