/* A long-running container with no memory, pids or CPU limit: SW0056
 * (compose), SW0092 (live). One-off jobs end on their own. */
#include "checks/runtime/runtime.h"

#include "util/str.h"
#include "util/strbuf.h"

/* pids_limit -1 or 0, and the engine's -1, are no limit at all. */
static bool unlimited(const struct sp_limit *l)
{
	return !l->s || str_eq(l->s, "-1") || str_eq(l->s, "0");
}

static void check(struct rule_ctx *c)
{
	for (size_t i = 0; i < c->nspecs; i++) {
		const struct spec *s = c->specs[i];
		const char *missing[3];
		size_t n = 0;
		struct strbuf sb = STRBUF_INIT;

		if (s->one_off)
			continue;
		if (unlimited(&s->limits.memory))
			missing[n++] = "memory";
		if (unlimited(&s->limits.pids))
			missing[n++] = "pids";
		if (unlimited(&s->limits.cpus))
			missing[n++] = "CPU";
		if (!n)
			continue;
		for (size_t k = 0; k < n; k++)
			strbuf_addf(&sb, "%s%s", k ? (k + 1 == n ? " or " : ", ") : "", missing[k]);
		sp_report(c, s, NULL, "has no %s limit: a leak or a fork loop in it can take the "
			  "whole host down, every other container with it", sb.buf);
		strbuf_release(&sb);
	}
}

const struct check check_rt_limits = {
	.on = { [SPEC_SERVICE] = &SW0056, [SPEC_CONTAINER] = &SW0092 },
	.spec = check,
};
