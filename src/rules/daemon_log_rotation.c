/* SW1051: the Docker daemon logs with json-file and no max-size. Checked by src/host/. */
#include "rules/rule.h"

const struct rule rule_daemon_log_rotation = {
	.id = "SW1051",
	.title = "The Docker daemon logs with json-file and no max-size",
	.severity = SEV_WARNING,
	.checklist = 10,
	.layer = "host",
	.why = "The default json-file log driver never rotates unless max-size is set: "
	       "a chatty container fills /var/lib/docker and then every container on "
	       "the host fails. The local driver rotates by default.",
	.bad = "{\n  \"log-driver\": \"json-file\"\n}\n",
	.good = "{\n  \"log-driver\": \"local\"\n}\n",
	.fix = "Set \"log-driver\": \"local\", or \"log-opts\": {\"max-size\": "
	       "\"10m\", \"max-file\": \"3\"}",
};
