/* A port published on every interface by anything but the web proxy:
 * SW0901 (compose), SW0981 (live). Database ports of a service are
 * SW0902's (public_database.c); with the host's network nothing is
 * published, and SW0903/SW0982 say so. */
#include "checks/runtime/runtime.h"

#include <string.h>

#include "spec/port.h"
#include "spec/role.h"
#include "util/str.h"

/* Whether port p was already reported (0.0.0.0 and :: for the same port). */
static bool seen(const struct spec *s, size_t upto, const struct sp_port *p)
{
	for (size_t k = 0; k < upto; k++) {
		const struct sp_port *q = &s->ports[k];

		if (port_on_all_interfaces(q) && str_eq(q->target ? q->target : "", p->target ? p->target : "") &&
		    str_eq(q->protocol ? q->protocol : "tcp", p->protocol ? p->protocol : "tcp") &&
		    str_eq(q->published ? q->published : "", p->published ? p->published : ""))
			return true;
	}
	return false;
}

static bool bound(const struct spec *s, const char *port)
{
	for (size_t k = 0; k < s->nports; k++) {
		const struct sp_port *p = &s->ports[k];
		size_t n = p->target ? strlen(p->target) : 0;

		/* "80/tcp" against target 80, protocol tcp */
		if (n && !strncmp(port, p->target, n) && port[n] == '/' &&
		    str_eq(port + n + 1, p->protocol ? p->protocol : "tcp"))
			return true;
	}
	return false;
}

static void service_port(struct rule_ctx *c, const struct spec *s, const struct sp_port *pt)
{
	bool udp = pt->protocol && strcmp(pt->protocol, "tcp");
	struct finding *f;

	if (pt->published && *pt->published)
		f = sp_report(c, s, &pt->at, "publishes port %s on all interfaces (%s), reachable "
			      "from every network the host is on", pt->published,
			      port_text(c->a, pt));
	else
		f = sp_report(c, s, &pt->at, "publishes container port %s on a random host port on "
			      "all interfaces", pt->target ? pt->target : "?");
	f->fix = arena_printf(c->a, "Drop the published port and let the proxy reach %s:%s over "
			      "the compose network, or bind it to loopback (\"127.0.0.1:%s:%s%s%s\")",
			      s->name, pt->target ? pt->target : "PORT",
			      pt->published && *pt->published ? pt->published :
			      pt->target ? pt->target : "PORT",
			      pt->target ? pt->target : "PORT", udp ? "/" : "", udp ? pt->protocol : "");
}

static void check_one(struct rule_ctx *c, const struct spec *s)
{
	long db;

	if ((s->network_mode.s && str_eq(s->network_mode.s, "host")) ||
	    spec_is_proxy(c->a, s, c->config))
		return;
	for (size_t k = 0; k < s->nports; k++) {
		const struct sp_port *p = &s->ports[k];

		if (!port_on_all_interfaces(p) || seen(s, k, p))
			continue;
		if (s->kind == SPEC_SERVICE) {
			if (!port_database(p, c->config, &db))
				service_port(c, s, p);
		} else if (p->published && *p->published) {
			sp_report(c, s, &p->at, "publishes port %s/%s on all interfaces (host port "
				  "%s), reachable from every network the host is on", p->target,
				  p->protocol, p->published);
		} else {
			sp_report(c, s, &p->at, "publishes port %s/%s on a random host port on all "
				  "interfaces", p->target, p->protocol);
		}
	}
	if (s->publish_all)
		for (size_t k = 0; k < s->exposed.n; k++)
			if (!bound(s, s->exposed.v[k].s))
				sp_report(c, s, NULL, "publishes port %s on a random host port on all "
					  "interfaces (-P)", s->exposed.v[k].s);
}

static void check(struct rule_ctx *c)
{
	for (size_t i = 0; i < c->nspecs; i++)
		check_one(c, c->specs[i]);
}

const struct check check_rt_public_port = {
	.on = { [SPEC_SERVICE] = &SW0901, [SPEC_CONTAINER] = &SW0981 },
	.spec = check,
};
