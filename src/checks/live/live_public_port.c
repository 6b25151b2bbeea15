/* SW0981: a container other than the web proxy publishes a port on all interfaces. */
#include "checks/live/live_util.h"

#include <string.h>
#include "util/str.h"

static bool all_interfaces(const char *ip)
{
	return !*ip || str_eq(ip, "0.0.0.0") || str_eq(ip, "::") || str_eq(ip, "[::]");
}

/* Whether port p was already reported (0.0.0.0 and :: for the same port). */
static bool seen(const struct live_container *ct, size_t upto, const struct live_port *p)
{
	for (size_t k = 0; k < upto; k++) {
		const struct live_port *q = &ct->ports[k];

		if (all_interfaces(q->host_ip) && str_eq(q->port, p->port) &&
		    str_eq(q->host_port, p->host_port))
			return true;
	}
	return false;
}

static bool bound(const struct live_container *ct, const char *port)
{
	for (size_t k = 0; k < ct->nports; k++)
		if (str_eq(ct->ports[k].port, port))
			return true;
	return false;
}

static void check(struct rule_ctx *c)
{
	const struct live_container *ct = c->container;

	/* With the host's network, SW0982 says it: nothing is published. */
	if (str_eq(ct->network_mode, "host") || lv_is_proxy(c))
		return;
	for (size_t k = 0; k < ct->nports; k++) {
		const struct live_port *p = &ct->ports[k];

		if (!all_interfaces(p->host_ip) || seen(ct, k, p))
			continue;
		if (*p->host_port)
			lv_report(c, "publishes port %s on all interfaces (host port %s), reachable "
				  "from every network the host is on", p->port, p->host_port);
		else
			lv_report(c, "publishes port %s on a random host port on all interfaces",
				  p->port);
	}
	if (ct->publish_all)
		for (size_t k = 0; k < ct->nexposed; k++)
			if (!bound(ct, ct->exposed[k]))
				lv_report(c, "publishes port %s on a random host port on all "
					  "interfaces (-P)", ct->exposed[k]);
}

const struct check check_live_public_port = {
	.rule = &SW0981,
	.live = check,
};
