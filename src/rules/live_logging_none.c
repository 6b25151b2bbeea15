/* SW1081: a container throws its logs away. */
#include "rules/live_util.h"

#include <string.h>
#include "util/str.h"

static void check(struct rule_ctx *c)
{
	if (str_eq(c->container->log_type, "none"))
		lv_report(c, "throws its logs away (log driver none): docker logs shows nothing "
			  "and a crash leaves no trace");
}

const struct rule rule_live_logging_none = {
	.id = "SW1081",
	.title = "A container throws its logs away (log driver none)",
	.severity = SEV_WARNING,
	.checklist = 10,
	.layer = "live",
	.why = "With the none log driver, everything the container writes to stdout and stderr "
	       "is dropped: docker logs is empty, and the reason of the last crash is gone.",
	.bad = "docker run -d --log-driver none --name api acme/api:1.8\n",
	.good = "docker run -d --log-driver local --name api acme/api:1.8   # rotated by default\n",
	.fix = "Recreate it with a real log driver: local (rotated by default), or json-file "
	       "with max-size and max-file, or journald",
	.check_live = check,
};
