/* SW0881: a long-running container has no restart policy. */
#include "rules/live_util.h"

#include <string.h>
#include "util/str.h"

static void check(struct rule_ctx *c)
{
	const struct live_container *ct = c->container;

	/* compose run and docker run --rm are one-offs, not services. */
	if (ct->oneoff || ct->auto_remove)
		return;
	if (*ct->restart_policy && strcmp(ct->restart_policy, "no"))
		return;
	if (ct->running)
		lv_report(c, "is running with no restart policy: after a crash, or a reboot of "
			  "the host or the daemon, it stays down");
	else if (str_eq(ct->status, "exited") && ct->exit_code != 0)
		lv_report(c, "exited with status %ld and has no restart policy, so it stayed down",
			  ct->exit_code);
}

const struct rule rule_live_no_restart = {
	.id = "SW0881",
	.title = "A long-running container has no restart policy",
	.severity = SEV_WARNING,
	.checklist = 8,
	.layer = "live",
	.why = "Without a restart policy (restart no, the default of docker run) a container that "
	       "crashes stays down, and so do all containers after the host or the daemon "
	       "restarts. Reported for a running container, and for a stopped one that exited "
	       "with an error; a container that exited with status 0, a compose run one-off and "
	       "a docker run --rm container are taken for jobs that finished.",
	.bad = "docker run -d --name api acme/api:1.8\n",
	.good = "docker run -d --restart unless-stopped --name api acme/api:1.8\n"
		"# compose: restart: unless-stopped\n",
	.fix = "Recreate it with --restart unless-stopped (restart: unless-stopped in compose), "
	       "or docker update --restart unless-stopped NAME",
	.check_live = check,
};
