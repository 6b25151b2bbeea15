/* No health check at all: SW0871 (an image that serves on a port), SW0804
 * (a long-running compose service), SW0883 (a long-running container);
 * one turned off on purpose (HEALTHCHECK NONE, disable: true) is a choice.
 * A service has its own healthcheck: or its image's; when the image is
 * pulled, not built here, compose cannot see it (healthcheck.set false)
 * and nothing is said. A Dockerfile stage is judged by
 * dockerfile/no_healthcheck.c. */
#include "checks/runtime/runtime.h"

static void check(struct rule_ctx *c)
{
	for (size_t i = 0; i < c->nspecs; i++) {
		const struct spec *s = c->specs[i];

		if (!s->healthcheck.set || s->healthcheck.on)
			continue;
		if (s->kind == SPEC_IMAGE) {
			if (s->exposed.n)
				sp_report(c, s, NULL, "the image exposes %s but has no Healthcheck",
					  s->exposed.v[0].s);
		} else if (s->one_off || s->healthcheck_disabled) {
			continue;	/* a job; or turned off on purpose */
		} else if (s->kind == SPEC_SERVICE) {
			sp_report(c, s, NULL, "has no healthcheck:, and the image it builds has no "
				  "HEALTHCHECK either: a hung server still counts as running, and "
				  "depends_on cannot wait for it to be ready");
		} else {
			sp_report(c, s, NULL, "has no health check, and its image has none either: "
				  "a hung process still counts as running");
		}
	}
}

const struct check check_rt_healthcheck = {
	.on = { [SPEC_IMAGE] = &SW0871, [SPEC_SERVICE] = &SW0804, [SPEC_CONTAINER] = &SW0883 },
	.spec = check,
};
