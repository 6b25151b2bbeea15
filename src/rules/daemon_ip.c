/* SW0951: the Docker daemon publishes ports on all interfaces by default. Checked by src/host/. */
#include "rules/rule.h"

const struct rule rule_daemon_ip = {
	.id = "SW0951",
	.title = "The Docker daemon publishes ports on all interfaces by default",
	.severity = SEV_WARNING,
	.checklist = 9,
	.layer = "host",
	.why = "The daemon's ip setting is the address a -p 8080:80 (or a compose ports "
	       "entry without an address) binds to; its default 0.0.0.0 publishes every "
	       "port on every interface, past host firewalls, since Docker's own "
	       "iptables rules come first.",
	.bad = "{\n  \"live-restore\": true\n}\n",
	.good = "{\n  \"live-restore\": true,\n  \"ip\": \"127.0.0.1\"\n}\n",
	.fix = "Set \"ip\": \"127.0.0.1\" in daemon.json and publish public ports "
	       "with an explicit address",
};
