/* SW0881: a long-running container has no restart policy. */
#include "checks/live/live_util.h"

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

const struct check check_live_no_restart = {
	.rule = &SW0881,
	.live = check,
};
