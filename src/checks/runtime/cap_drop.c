/* The default capabilities are kept: SW0058 (compose), SW0094 (live).
 * Dangerous additions are capabilities.c's; this is the advice to start
 * from none. A privileged container has every capability: privileged.c. */
#include "checks/runtime/runtime.h"

#include <strings.h>

static bool drops_all(const struct spec *s)
{
	for (size_t k = 0; k < s->cap_drop.n; k++) {
		const char *v = s->cap_drop.v[k].s;

		if (v && (!strcasecmp(v, "ALL") || !strcasecmp(v, "CAP_ALL")))
			return true;
	}
	return false;
}

static void check(struct rule_ctx *c)
{
	for (size_t i = 0; i < c->nspecs; i++) {
		const struct spec *s = c->specs[i];

		if (s->one_off || s->privileged.on || drops_all(s))
			continue;
		sp_report(c, s, NULL, "keeps Docker's default capabilities (chown, setuid, "
			  "net_raw and 11 more) that most programs never use: drop them all and "
			  "add back only what it needs");
	}
}

const struct check check_rt_cap_drop = {
	.on = { [SPEC_SERVICE] = &SW0058, [SPEC_CONTAINER] = &SW0094 },
	.spec = check,
};
