/* A bind mount with shared propagation: SW0259 (compose), SW0289 (live).
 * Mounts the container makes under it appear on the host (and the other
 * way), so a container can mount over host paths. rslave and slave only
 * let the host's mounts in (what monitoring agents use): not reported. */
#include "checks/runtime/runtime.h"

#include "util/str.h"

static void check(struct rule_ctx *c)
{
	for (size_t i = 0; i < c->nspecs; i++) {
		const struct spec *s = c->specs[i];

		for (size_t k = 0; k < s->nmounts; k++) {
			const struct sp_mount *m = &s->mounts[k];

			if (!m->propagation || (!str_eq(m->propagation, "shared") &&
						!str_eq(m->propagation, "rshared")))
				continue;
			sp_report(c, s, &m->at, "%s %s with %s propagation: what it mounts there "
				  "appears on the host too, so it can mount over the host's files",
				  s->kind == SPEC_CONTAINER ? "has" : "mounts",
				  m->source ? m->source : m->target ? m->target : "a folder",
				  m->propagation);
		}
	}
}

const struct check check_rt_propagation = {
	.on = { [SPEC_SERVICE] = &SW0259, [SPEC_CONTAINER] = &SW0289 },
	.spec = check,
};
