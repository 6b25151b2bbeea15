/* SW0086: a Docker daemon setting is both a flag and in daemon.json. Checked by src/host/. */
#include "rules/rule.h"

const struct rule rule_daemon_flag_conflict = {
	.id = "SW0086",
	.title = "A Docker daemon setting is both a flag and in daemon.json",
	.severity = SEV_ERROR,
	.checklist = 0,
	.layer = "host",
	.why = "dockerd refuses to start when the same setting is given as a "
	       "command-line flag and in daemon.json (\"the following directives are "
	       "specified both as a flag and in the configuration file\"): the next "
	       "restart of the daemon fails.",
	.bad = "# ExecStart=/usr/bin/dockerd --log-driver=journald\n{\n  "
	       "\"log-driver\": \"local\"\n}\n",
	.good = "# ExecStart=/usr/bin/dockerd\n{\n  \"log-driver\": \"local\"\n}\n",
	.fix = "Keep each setting in one place, preferably daemon.json",
};
