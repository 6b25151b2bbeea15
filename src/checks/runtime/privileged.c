/* Privileged containers: SW0252 (compose), SW0282 (live). */
#include "checks/runtime/runtime.h"

static void check(struct rule_ctx *c)
{
	for (size_t i = 0; i < c->nspecs; i++) {
		const struct spec *s = c->specs[i];

		if (!s->privileged.on)
			continue;
		if (s->kind == SPEC_SERVICE)
			sp_report(c, s, &s->privileged.at, "runs privileged: it gets every capability "
				  "and every host device, so root in it is root on the host");
		else
			sp_report(c, s, &s->privileged.at, "runs privileged: it has every capability "
				  "and device of the host, without seccomp or AppArmor confinement");
	}
}

const struct check check_rt_privileged = {
	.on = { [SPEC_SERVICE] = &SW0252, [SPEC_CONTAINER] = &SW0282 },
	.spec = check,
};
