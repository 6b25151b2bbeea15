/* SW0101: a host user has uid 0. Checked by src/host/. */
#include "rules/rule.h"

const struct rule rule_host_uid0 = {
	.id = "SW0101",
	.title = "A host user has uid 0",
	.severity = SEV_ERROR,
	.checklist = 1,
	.layer = "host",
	.why = "A user with uid 0 is root under another name: every process it starts, "
	       "and every container it runs, has full control of the host. Deployments "
	       "and their tooling should run as an ordinary user, so that a leaked "
	       "shell or a bad script is not an immediate host compromise.",
	.bad = "deploy:x:0:0:Deploy:/home/deploy:/bin/bash\n",
	.good = "deploy:x:1001:1001:Deploy:/home/deploy:/bin/bash\n",
	.fix = "Give the user its own uid (usermod -o -u 1001 NAME) and grant what it "
	       "needs explicitly",
};
