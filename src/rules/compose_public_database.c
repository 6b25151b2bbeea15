/* SW0902: a database, cache or broker port is published on all interfaces. */
#include "rules/compose_util.h"
#include "rules/compose_ports.h"

#include <string.h>

static void check(struct rule_ctx *c)
{
	const struct c_project *p = c->project;

	for (size_t i = 0; i < p->nservices; i++) {
		const struct c_service *s = &p->services[i];

		for (size_t k = 0; k < s->nports; k++) {
			const struct c_port *pt = &s->ports[k];
			bool udp = pt->protocol && strcmp(pt->protocol, "tcp");
			const char *what;
			struct finding *f;
			long db;

			if (!port_on_all_interfaces(pt) || !(what = port_database(pt, c->config, &db)))
				continue;
			f = cx_report_value(c, s, pt, "service %s publishes %s port %ld on all "
					"interfaces (%s): the data store is reachable from every "
					"network the host is on", s->name, what, db,
					port_text(c->a, pt));
			f->fix = arena_printf(c->a, "Remove the published port (other services reach "
					      "it as %s:%s on the compose network), or bind it to "
					      "loopback (\"127.0.0.1:%s:%s%s%s\")", s->name, pt->target,
					      pt->published && *pt->published ? pt->published :
					      pt->target, pt->target, udp ? "/" : "",
					      udp ? pt->protocol : "");
		}
	}
}

const struct rule rule_compose_public_database = {
	.id = "SW0902",
	.title = "A database, cache or broker port is published on all interfaces",
	.severity = SEV_ERROR,
	.checklist = 9,
	.layer = "compose",
	.why = "Databases, caches and brokers published on 0.0.0.0 are found by internet-wide "
	       "scanners within hours; Docker's iptables rules open them ahead of the host's "
	       "firewall, and many (Redis, Memcached, Elasticsearch, MongoDB in old setups) "
	       "have no authentication by default. Other services reach them over the "
	       "compose network. Ports listed under databases: in .seaworthy.yaml count too.",
	.bad = "services:\n  db:\n    image: postgres:16\n    ports: [\"5432:5432\"]\n",
	.good = "services:\n  db:\n    image: postgres:16\n"
		"    # reached by the other services as db:5432; for local tools only:\n"
		"    ports: [\"127.0.0.1:5432:5432\"]\n",
	.fix = "Remove the published port (services reach it as db:5432 on the compose "
	       "network), or bind it to loopback (\"127.0.0.1:5432:5432\")",
	.check_compose = check,
};
