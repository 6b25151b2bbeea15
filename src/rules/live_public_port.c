/* SW0981: a container other than the web proxy publishes a port on all interfaces. */
#include "rules/live_util.h"

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

const struct rule rule_live_public_port = {
	.id = "SW0981",
	.title = "A container other than the web proxy publishes a port on all interfaces",
	.severity = SEV_WARNING,
	.checklist = 9,
	.layer = "live",
	.why = "A port published without an address (or on 0.0.0.0 or ::) listens on every "
	       "interface of the host, and Docker's iptables rules let it through ahead of ufw "
	       "or firewalld. Only the reverse proxy should face the network; the services "
	       "behind it are reached over a Docker network, or bound to 127.0.0.1. A proxy is "
	       "recognised as in the compose rule SW0901: its image (nginx, traefik, caddy, "
	       "haproxy, envoy, httpd, varnish), the label seaworthy.role=proxy, a name or "
	       "compose service that says proxy, or proxies: in the config file.",
	.bad = "docker run -d -p 8080:8080 --name api acme/api:1.8\n",
	.good = "docker run -d --network web --name api acme/api:1.8     # the proxy reaches "
		"api:8080\ndocker run -d -p 127.0.0.1:8080:8080 --name api acme/api:1.8  # or "
		"loopback only\n",
	.fix = "Recreate it without the published port and let the proxy reach it over a Docker "
	       "network, or bind the port to 127.0.0.1",
	.check_live = check,
};
