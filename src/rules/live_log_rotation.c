/* SW1082: a container logs with json-file and no max-size. */
#include "rules/live_util.h"

#include <string.h>
#include "util/str.h"

static void check(struct rule_ctx *c)
{
	const struct live_container *ct = c->container;

	if (strcmp(ct->log_type, "json-file"))
		return;
	for (size_t k = 0; k < ct->nlog_config; k++)
		if (str_eq(ct->log_config[k].key, "max-size"))
			return;
	lv_report(c, "logs with json-file and no max-size: its log file grows until the disk "
		  "is full");
}

const struct rule rule_live_log_rotation = {
	.id = "SW1082",
	.title = "A container logs with json-file and no max-size",
	.severity = SEV_WARNING,
	.checklist = 10,
	.layer = "live",
	.why = "json-file, Docker's default log driver, never rotates unless max-size is set: "
	       "the log of a chatty container grows until the disk is full. The engine shows the "
	       "options in effect, the daemon's log-opts defaults included, so a container "
	       "created before the daemon was fixed keeps growing until it is recreated.",
	.bad = "docker run -d --name api acme/api:1.8     # daemon.json sets no log-opts\n",
	.good = "docker run -d --log-opt max-size=10m --log-opt max-file=3 --name api "
		"acme/api:1.8\n# or for every container, daemon.json: {\"log-driver\": \"local\"}\n",
	.fix = "Recreate it with --log-opt max-size=10m --log-opt max-file=3 (or the local "
	       "driver); set log-opts in daemon.json for every new container",
	.check_live = check,
};
