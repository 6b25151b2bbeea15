/* SW0902: a database, cache or broker port is published on all interfaces. */
#include "checks/compose/compose_util.h"
#include "checks/compose/compose_ports.h"

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

const struct check check_compose_public_database = {
	.rule = &SW0902,
	.compose = check,
};
