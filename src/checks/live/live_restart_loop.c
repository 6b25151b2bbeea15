/* SW0882: a container keeps restarting. */
#include "checks/live/live_util.h"

#include <errno.h>
#include <stdlib.h>

#include "config/config.h"

#define DEFAULT_MAX_RESTARTS 3

static long max_restarts(const struct rule_ctx *c)
{
	const struct config_option *o = config_option(c->config, &SW0882,
						      "max-restarts");
	char *end;
	long n;

	if (!o || !o->value)
		return DEFAULT_MAX_RESTARTS;
	errno = 0;
	n = strtol(o->value, &end, 10);
	return errno || *end || n < 0 ? DEFAULT_MAX_RESTARTS : n;
}

static void check(struct rule_ctx *c)
{
	const struct live_container *ct = c->container;
	long max = max_restarts(c);

	/* No count in the message: it changes on every restart, and the
	 * fingerprint is made from the message. */
	if (ct->restart_count > max)
		lv_report(c, "has been restarted more than %ld times by its restart policy (%s): "
			  "it keeps crashing", max, *ct->restart_policy ? ct->restart_policy : "no");
	else if (ct->restarting)
		lv_report(c, "is being restarted by its restart policy (%s) after a crash",
			  *ct->restart_policy ? ct->restart_policy : "no");
}

const struct check check_live_restart_loop = {
	.rule = &SW0882,
	.live = check,
};
