/* SW0091: a container runs without no-new-privileges. */
#include "checks/live/live_util.h"

#include <string.h>
#include "util/str.h"

static void check(struct rule_ctx *c)
{
	const struct live_container *ct = c->container;

	for (size_t k = 0; k < ct->nsecurity_opt; k++) {
		const char *o = ct->security_opt[k];

		if (str_eq(o, "no-new-privileges") || str_eq(o, "no-new-privileges:true") ||
		    str_eq(o, "no-new-privileges=true"))
			return;
	}
	lv_report(c, "does not set no-new-privileges: setuid programs in it can still raise "
		  "privileges (unless the daemon sets it for every container)");
}

const struct check check_live_no_new_privileges = {
	.rule = &SW0091,
	.live = check,
};
