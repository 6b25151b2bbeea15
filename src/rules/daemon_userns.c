/* SW0082: the Docker daemon does not remap container users (userns-remap). Checked by src/host/. */
#include "rules/rule.h"

const struct rule rule_daemon_userns = {
	.id = "SW0082",
	.title = "The Docker daemon does not remap container users (userns-remap)",
	.severity = SEV_INFO,
	.checklist = 0,
	.layer = "host",
	.why = "Without user namespace remapping, root in a container is uid 0 on the "
	       "host: a container escape, or a bind mount of a host folder, acts as "
	       "root. userns-remap maps container uids to an unprivileged range "
	       "(rootless Docker does this anyway).",
	.bad = "{\n  \"live-restore\": true\n}\n",
	.good = "{\n  \"live-restore\": true,\n  \"userns-remap\": \"default\"\n}\n",
	.fix = "Set \"userns-remap\": \"default\" in daemon.json (or run Docker rootless)",
};
