/* SW0283: a container has a capability added that reaches the host. */
#include "checks/live/live_util.h"

#include "lexicon/lexicon.h"

static void check(struct rule_ctx *c)
{
	const struct live_container *ct = c->container;

	for (size_t k = 0; k < ct->ncap_add; k++) {
		const char *canon, *what = capability_danger(ct->cap_add[k], &canon);

		if (what)
			lv_report(c, "has capability %s added: %s", canon, what);
	}
}

const struct check check_live_capabilities = {
	.rule = &SW0283,
	.live = check,
};
