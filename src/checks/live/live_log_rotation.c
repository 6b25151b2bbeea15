/* SW1082: a container logs with json-file and no max-size. */
#include "checks/live/live_util.h"

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

const struct check check_live_log_rotation = {
	.rule = &SW1082,
	.live = check,
};
