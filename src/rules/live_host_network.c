/* SW0982: a container uses the host's network. */
#include "rules/live_util.h"

#include <string.h>
#include "util/str.h"

static void check(struct rule_ctx *c)
{
	if (str_eq(c->container->network_mode, "host") && !lv_is_proxy(c))
		lv_report(c, "uses the host's network (--network host): every port it listens on "
			  "is open on the host, published or not");
}

const struct rule rule_live_host_network = {
	.id = "SW0982",
	.title = "A container other than the web proxy uses the host's network",
	.severity = SEV_WARNING,
	.checklist = 9,
	.layer = "live",
	.why = "With the host's network the container has no network isolation: whatever it "
	       "listens on, debug and admin ports included, is reachable on every interface of "
	       "the host, and it can talk to services bound to the host's loopback. Ports are "
	       "not published, so nothing in docker ps shows it.",
	.bad = "docker run -d --network host --name api acme/api:1.8\n",
	.good = "docker network create web\ndocker run -d --network web --name api "
		"acme/api:1.8\n",
	.fix = "Recreate it on a user-defined bridge network and publish (to the proxy, or to "
	       "127.0.0.1) only the ports that must be reached",
	.check_live = check,
};
