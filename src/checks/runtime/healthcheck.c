/* Serves on a port with no health check: SW0871 (image). A compose service
 * has its own health check or its image's, which compose cannot see when
 * the image is not built here, and a Dockerfile stage is judged by
 * dockerfile/no_healthcheck.c; so only an image reports. */
#include "checks/runtime/runtime.h"

static void check(struct rule_ctx *c)
{
	for (size_t i = 0; i < c->nspecs; i++) {
		const struct spec *s = c->specs[i];

		if (s->healthcheck.set && !s->healthcheck.on && s->exposed.n)
			sp_report(c, s, NULL, "the image exposes %s but has no Healthcheck",
				  s->exposed.v[0].s);
	}
}

const struct check check_rt_healthcheck = {
	.on = { [SPEC_IMAGE] = &SW0871 },
	.spec = check,
};
