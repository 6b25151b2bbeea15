/* SW0901: a service that is not the web proxy publishes a port on all interfaces. */
#include "checks/compose/compose_util.h"
#include "checks/compose/compose_ports.h"

#include <string.h>

static void check(struct rule_ctx *c)
{
	const struct c_project *p = c->project;

	for (size_t i = 0; i < p->nservices; i++) {
		const struct c_service *s = &p->services[i];
		long db;

		if (cx_is_proxy(c, i))
			continue;
		for (size_t k = 0; k < s->nports; k++) {
			const struct c_port *pt = &s->ports[k];
			bool udp = pt->protocol && strcmp(pt->protocol, "tcp");
			struct finding *f;

			if (!port_on_all_interfaces(pt) || port_database(pt, c->config, &db))
				continue;	/* SW0902 reports database ports */
			if (pt->published && *pt->published)
				f = cx_report_value(c, s, pt, "service %s publishes port %s on all "
						"interfaces (%s), reachable from every network the host "
						"is on", s->name, pt->published, port_text(c->a, pt));
			else
				f = cx_report_value(c, s, pt, "service %s publishes container port %s on "
						"a random host port on all interfaces", s->name,
						pt->target ? pt->target : "?");
			f->fix = arena_printf(c->a, "Drop the published port and let the proxy "
					      "reach %s:%s over the compose network, or bind it to "
					      "loopback (\"127.0.0.1:%s:%s%s%s\")", s->name,
					      pt->target ? pt->target : "PORT",
					      pt->published && *pt->published ? pt->published :
					      pt->target ? pt->target : "PORT",
					      pt->target ? pt->target : "PORT", udp ? "/" : "",
					      udp ? pt->protocol : "");
		}
	}
}

const struct check check_compose_public_port = {
	.rule = &SW0901,
	.compose = check,
};
