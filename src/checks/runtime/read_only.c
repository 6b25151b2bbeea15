/* The root filesystem is writable: SW0057 (compose), SW0093 (live). Advice:
 * most images write somewhere, and read_only needs those places listed as
 * tmpfs or volumes first. */
#include "checks/runtime/runtime.h"

static void check(struct rule_ctx *c)
{
	for (size_t i = 0; i < c->nspecs; i++) {
		const struct spec *s = c->specs[i];

		if (s->one_off || s->read_only.on)
			continue;
		sp_report(c, s, s->read_only.set ? &s->read_only.at : NULL,
			  "%s a writable root filesystem: whoever gets in can change its programs "
			  "and hide there", s->read_only.set ? "keeps" : "has");
	}
}

const struct check check_rt_read_only = {
	.on = { [SPEC_SERVICE] = &SW0057, [SPEC_CONTAINER] = &SW0093 },
	.spec = check,
};
