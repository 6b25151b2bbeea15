/* A live container on the default bridge: SW0983. There, containers reach
 * each other by IP only (no names), and all of them, unless the daemon sets
 * icc false (SW0084); a network of its own (what compose makes) has names
 * and keeps other stacks out. */
#include "checks/runtime/runtime.h"

#include "util/str.h"

static bool on_default_bridge(const struct spec *s)
{
	const char *mode = s->network_mode.s;

	if (mode && !str_eq(mode, "default") && !str_eq(mode, "bridge"))
		return false;	/* host, none, container:ID, or its own network */
	for (size_t k = 0; k < s->networks.n; k++)
		if (str_eq(s->networks.v[k].s, "bridge"))
			return true;
	return false;
}

static void check(struct rule_ctx *c)
{
	for (size_t i = 0; i < c->nspecs; i++)
		if (on_default_bridge(c->specs[i]))
			sp_report(c, c->specs[i], NULL, "is on the default bridge network, where "
				  "other containers reach it by IP and names do not resolve: run it "
				  "on a network of its own (compose makes one per project)");
}

const struct check check_rt_default_bridge = {
	.on = { [SPEC_CONTAINER] = &SW0983 },
	.spec = check,
};
