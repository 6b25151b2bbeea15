/* SW0282: a container runs privileged. */
#include "checks/live/live_util.h"

static void check(struct rule_ctx *c)
{
	if (c->container->privileged)
		lv_report(c, "runs privileged: it has every capability and device of the host, "
			  "without seccomp or AppArmor confinement");
}

const struct check check_live_privileged = {
	.rule = &SW0282,
	.live = check,
};
