/* SW1081: a container throws its logs away. */
#include "checks/live/live_util.h"

#include <string.h>
#include "util/str.h"

static void check(struct rule_ctx *c)
{
	if (str_eq(c->container->log_type, "none"))
		lv_report(c, "throws its logs away (log driver none): docker logs shows nothing "
			  "and a crash leaves no trace");
}

const struct check check_live_logging_none = {
	.rule = &SW1081,
	.live = check,
};
