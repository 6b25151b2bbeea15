/* SW0085: the Docker daemon does not manage iptables (iptables: false). Checked by src/host/. */
#include "rules/rule.h"

const struct rule rule_daemon_iptables = {
	.id = "SW0085",
	.title = "The Docker daemon does not manage iptables (iptables: false)",
	.severity = SEV_WARNING,
	.checklist = 0,
	.layer = "host",
	.why = "With iptables off, Docker adds no NAT or isolation rules: published "
	       "ports and container traffic then depend on hand-written firewall rules, "
	       "which usually either break networking or leave containers exposed.",
	.bad = "{\n  \"iptables\": false\n}\n",
	.good = "{\n  \"live-restore\": true\n}\n",
	.fix = "Remove \"iptables\": false (and --iptables=false) and firewall "
	       "through the DOCKER-USER chain",
};
