/* SW0982: a container uses the host's network. */
#include "checks/live/live_util.h"

#include <string.h>
#include "util/str.h"

static void check(struct rule_ctx *c)
{
	if (str_eq(c->container->network_mode, "host") && !lv_is_proxy(c))
		lv_report(c, "uses the host's network (--network host): every port it listens on "
			  "is open on the host, published or not");
}

const struct check check_live_host_network = {
	.rule = &SW0982,
	.live = check,
};
