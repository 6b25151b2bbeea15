/* A port published on every interface by anything but the web proxy:
 * SW0901 (compose), SW0981 (live). Database ports of a service are
 * SW0902's (public_database.c); with the host's network nothing is
 * published, and SW0903/SW0982 say so. Servers whose protocol faces the
 * network (DNS, DHCP, mail) may publish its ports; the one service of a
 * stack without a proxy is its front (front()); a debugger's port is
 * reported whoever publishes it. */
#include "checks/runtime/runtime.h"

#include <string.h>

#include "spec/port.h"
#include "spec/role.h"
#include "lexicon/lexicon.h"
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

/* A debugger's port: what listens there, or NULL (lexicon: debuggers). */
static const char *debugger(const struct sp_port *p, long *port)
{
	long hi;

	if (!port_range(p->target, port, &hi) || *port != hi)
		return NULL;
	return debugger_of_port(*port);
}

/* Whether p is this rule's: on every interface, not the port of a server
 * whose protocol faces the network (DNS, mail), not a data store's
 * (SW0902 says those of a service). */
static bool ours(struct rule_ctx *c, const struct spec *s, const struct sp_port *p)
{
	long db;

	return port_on_all_interfaces(p) && !spec_public_server(c->a, s, p) &&
	       !(s->kind == SPEC_SERVICE && spec_port_database(c->a, s, p, c->config, &db));
}

static bool host_network(const struct spec *s)
{
	return s->network_mode.s && str_eq(s->network_mode.s, "host");
}

/*
 * The front of a compose project with no proxy: the one service that runs
 * by default and publishes ports of its own (not a debugger's). A
 * self-hosted app serving its own web port is the stack's only door, in
 * the proxy's place, and what fronts it, if anything, is outside the
 * files; its ports are not reported. NULL when there is a proxy, or when
 * several services publish.
 */
static const struct spec *front(struct rule_ctx *c)
{
	const struct spec *one = NULL;
	long dp;

	for (size_t i = 0; i < c->nspecs; i++)
		if (c->specs[i]->kind != SPEC_SERVICE || spec_is_proxy(c->a, c->specs[i], c->config))
			return NULL;
	for (size_t i = 0; i < c->nspecs; i++) {
		const struct spec *s = c->specs[i];
		bool publishes = false;

		if (host_network(s) || s->one_off || s->purpose != PURPOSE_PRODUCTION ||
		    (s->note && *s->note))
			continue;
		for (size_t k = 0; k < s->nports && !publishes; k++)
			publishes = ours(c, s, &s->ports[k]) && !debugger(&s->ports[k], &dp);
		if (!publishes)
			continue;
		if (one)
			return NULL;
		one = s;
	}
	return one;
}

static void check_one(struct rule_ctx *c, const struct spec *s, const struct spec *door)
{
	const struct sp_at *last = NULL;
	const char *dbg;
	long dp;

	if (host_network(s) || spec_is_proxy(c->a, s, c->config))
		return;
	for (size_t k = 0; k < s->nports; k++) {
		const struct sp_port *p = &s->ports[k];
		struct finding *f;

		if (!ours(c, s, p) || seen(s, k, p))
			continue;
		/* A range is one entry, and one thing to fix. */
		if (last && p->at.line && sp_at_same(last, &p->at))
			continue;
		last = &p->at;
		if ((dbg = debugger(p, &dp))) {
			/* Never the front's business: whoever reaches it runs code. */
			f = sp_report(c, s, &p->at, "publishes port %ld of %s on all interfaces "
				      "(%s): whoever reaches it can run code in the container", dp,
				      dbg, port_text(c->a, p));
			if (s->kind == SPEC_SERVICE)
				f->fix = arena_printf(c->a, "Publish it only in a development override, "
						      "bound to loopback (\"127.0.0.1:%ld:%ld\")", dp, dp);
		} else if (s == door) {
			continue;
		} else if (s->kind == SPEC_SERVICE) {
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
	const struct spec *door = front(c);

	for (size_t i = 0; i < c->nspecs; i++)
		check_one(c, c->specs[i], door);
}

const struct check check_rt_public_port = {
	.on = { [SPEC_SERVICE] = &SW0901, [SPEC_CONTAINER] = &SW0981 },
	.spec = check,
};
