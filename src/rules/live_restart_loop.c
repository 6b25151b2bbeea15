/* SW0882: a container keeps restarting. */
#include "rules/live_util.h"

#include <errno.h>
#include <stdlib.h>

#include "config/config.h"

#define DEFAULT_MAX_RESTARTS 3

static const struct rule_option options[] = {
	{ "max-restarts", false, true, "restarts by the restart policy above which a container "
	  "counts as looping (default 3)" },
	{ NULL, false, false, NULL },
};

extern const struct rule rule_live_restart_loop;

static long max_restarts(const struct rule_ctx *c)
{
	const struct config_option *o = config_option(c->config, &rule_live_restart_loop,
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

const struct rule rule_live_restart_loop = {
	.id = "SW0882",
	.title = "A container keeps restarting",
	.severity = SEV_WARNING,
	.checklist = 8,
	.layer = "live",
	.why = "A restart policy brings a crashed container back, which hides a crash loop: the "
	       "service is down most of the time while docker ps shows it \"Restarting\" or \"Up "
	       "2 seconds\". Reported when the engine is restarting it right now, or when its "
	       "restart count (restarts by the policy since it was last started by hand) is "
	       "above the rule option max-restarts (default 3).",
	.bad = "$ docker ps\nNAMES  STATUS\napi    Restarting (1) 4 seconds ago\n",
	.good = "$ docker ps\nNAMES  STATUS\napi    Up 3 days\n",
	.fix = "Read docker logs NAME for the cause of the crash (configuration, a missing "
	       "dependency, OOM) and fix it; cap the retries with on-failure:N",
	.check_live = check,
	.options = options,
};
