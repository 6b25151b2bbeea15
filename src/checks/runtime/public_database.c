/* A database, cache or broker port published on every interface: SW0902
 * (compose). */
#include "checks/runtime/runtime.h"

#include <string.h>

#include "spec/port.h"

static void check(struct rule_ctx *c)
{
	for (size_t i = 0; i < c->nspecs; i++) {
		const struct spec *s = c->specs[i];

		for (size_t k = 0; k < s->nports; k++) {
			const struct sp_port *pt = &s->ports[k];
			bool udp = pt->protocol && strcmp(pt->protocol, "tcp");
			const char *what;
			struct finding *f;
			long db;

			if (!port_on_all_interfaces(pt) || !(what = port_database(pt, c->config, &db)))
				continue;
			f = sp_report(c, s, &pt->at, "publishes %s port %ld on all interfaces (%s): the "
				      "data store is reachable from every network the host is on", what,
				      db, port_text(c->a, pt));
			f->fix = arena_printf(c->a, "Remove the published port (other services reach "
					      "it as %s:%s on the compose network), or bind it to "
					      "loopback (\"127.0.0.1:%s:%s%s%s\")", s->name, pt->target,
					      pt->published && *pt->published ? pt->published :
					      pt->target, pt->target, udp ? "/" : "",
					      udp ? pt->protocol : "");
		}
	}
}

const struct check check_rt_public_database = {
	.on = { [SPEC_SERVICE] = &SW0902 },
	.spec = check,
};
