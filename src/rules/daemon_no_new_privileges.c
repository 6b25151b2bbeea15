/* SW0083: the Docker daemon does not set no-new-privileges by default. Checked by src/host/. */
#include "rules/rule.h"

const struct rule rule_daemon_no_new_privileges = {
	.id = "SW0083",
	.title = "The Docker daemon does not set no-new-privileges by default",
	.severity = SEV_INFO,
	.checklist = 0,
	.layer = "host",
	.why = "no-new-privileges stops processes in containers from gaining privileges "
	       "through setuid binaries such as su or sudo. Setting it in the daemon "
	       "makes it the default for every container.",
	.bad = "{\n  \"live-restore\": true\n}\n",
	.good = "{\n  \"live-restore\": true,\n  \"no-new-privileges\": true\n}\n",
	.fix = "Set \"no-new-privileges\": true in daemon.json",
};
