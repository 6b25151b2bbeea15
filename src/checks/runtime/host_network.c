/* The host's network stack, for anything but the web proxy: SW0903
 * (compose), SW0982 (live). */
#include "checks/runtime/runtime.h"
#include "spec/role.h"
#include "util/str.h"

static void check(struct rule_ctx *c)
{
	for (size_t i = 0; i < c->nspecs; i++) {
		const struct spec *s = c->specs[i];

		if (!s->network_mode.s || !str_eq(s->network_mode.s, "host") ||
		    spec_is_proxy(c->a, s, c->config))
			continue;
		if (s->kind == SPEC_SERVICE)
			sp_report(c, s, &s->network_mode.at, "uses network_mode: host: every port it "
				  "listens on is open on the host's interfaces, with no network "
				  "isolation");
		else
			sp_report(c, s, &s->network_mode.at, "uses the host's network (--network host): "
				  "every port it listens on is open on the host, published or not");
	}
}

const struct check check_rt_host_network = {
	.on = { [SPEC_SERVICE] = &SW0903, [SPEC_CONTAINER] = &SW0982 },
	.spec = check,
};
