/* A database, cache or broker port published on every interface: SW0902
 * (compose). A database is known by its port or by its image
 * (spec_port_database): mariadb published on 4001 is one too. */
#include "checks/runtime/runtime.h"

#include <string.h>

#include "spec/port.h"
#include "spec/role.h"

static void check(struct rule_ctx *c)
{
	for (size_t i = 0; i < c->nspecs; i++) {
		const struct spec *s = c->specs[i];
		const struct sp_at *last = NULL;

		for (size_t k = 0; k < s->nports; k++) {
			const struct sp_port *pt = &s->ports[k];
			bool udp = pt->protocol && strcmp(pt->protocol, "tcp");
			const char *what;
			struct finding *f;
			long db;

			if (!port_on_all_interfaces(pt) || spec_public_server(c->a, s, pt) ||
			    !(what = spec_port_database(c->a, s, pt, c->config, &db)))
				continue;
			/* A range is one entry, and one thing to fix. */
			if (last && pt->at.line && sp_at_same(last, &pt->at))
				continue;
			last = &pt->at;
			f = sp_report(c, s, &pt->at, "publishes %s port %s on all interfaces (%s): the "
				      "data store is reachable from every network the host is on", what,
				      db ? arena_printf(c->a, "%ld", db) : pt->target,
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

const struct check check_rt_public_database = {
	.on = { [SPEC_SERVICE] = &SW0902 },
	.spec = check,
};
