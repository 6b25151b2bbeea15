/* SW0081: the Docker daemon does not keep containers running across restarts
 * (live-restore). Checked by src/host/. */
#include "rules/rule.h"

const struct rule rule_daemon_live_restore = {
	.id = "SW0081",
	.title = "The Docker daemon does not keep containers running across restarts (live-restore)",
	.severity = SEV_INFO,
	.checklist = 0,
	.layer = "host",
	.why = "Without live-restore, restarting or upgrading dockerd stops every "
	       "container on the host. With it, containers keep running while the "
	       "daemon is down and are picked up again when it returns.",
	.bad = "{\n  \"log-driver\": \"local\"\n}\n",
	.good = "{\n  \"log-driver\": \"local\",\n  \"live-restore\": true\n}\n",
	.fix = "Set \"live-restore\": true in /etc/docker/daemon.json and reload dockerd",
};
