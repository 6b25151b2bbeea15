/* The host's network stack, for anything but the web proxy: SW0903
 * (compose), SW0982 (live). */
#include "checks/runtime/runtime.h"
#include "spec/role.h"
#include "util/str.h"

#include <string.h>

/* Whether the command binds its server to the loopback interface only
 * (mongod --bind_ip 127.0.0.1, --host=127.0.0.1, -b localhost): on the
 * host's network, then, nothing listens on the host's interfaces. */
static bool binds_loopback(const struct spec *s)
{
	static const char *const opts[] = { "--bind_ip", "--bind", "--host", "--listen",
					    "--bind-address", "--listen-address", NULL };

	for (size_t i = 0; i < s->command.n; i++) {
		const char *w = s->command.v[i].s;

		for (size_t k = 0; w && opts[k]; k++) {
			const char *p = strstr(w, opts[k]);
			size_t n = strlen(opts[k]);

			if (!p || (p[n] != '=' && p[n] != ' ' && p[n] != '\0'))
				continue;
			p += n;
			if (!*p && i + 1 < s->command.n)
				p = s->command.v[i + 1].s;
			else
				p++;
			if (p && (!strncmp(p, "127.", 4) || !strncmp(p, "localhost", 9) ||
				  !strncmp(p, "::1", 3)))
				return true;
		}
	}
	return false;
}

static void check(struct rule_ctx *c)
{
	for (size_t i = 0; i < c->nspecs; i++) {
		const struct spec *s = c->specs[i];

		if (!s->network_mode.s || !str_eq(s->network_mode.s, "host") ||
		    spec_is_proxy(c->a, s, c->config) || binds_loopback(s))
			continue;
		/* privileged is the host already (SW0252 says so): its network
		 * is part of the same choice, a host tool's */
		if (s->privileged.on)
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
