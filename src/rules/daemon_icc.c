/* SW0084: containers on the default bridge may talk to each other (icc). Checked by src/host/. */
#include "rules/rule.h"

const struct rule rule_daemon_icc = {
	.id = "SW0084",
	.title = "Containers on the default bridge may talk to each other (icc)",
	.severity = SEV_INFO,
	.checklist = 0,
	.layer = "host",
	.why = "With inter-container communication on (the default), every container on "
	       "the default bridge network can reach every port of the others. Turning "
	       "icc off leaves communication to user-defined networks, which compose "
	       "creates per project.",
	.bad = "{\n  \"icc\": true\n}\n",
	.good = "{\n  \"icc\": false\n}\n",
	.fix = "Set \"icc\": false in daemon.json and connect containers through "
	       "user-defined networks",
};
