/* Capabilities added that reach the host: SW0253 (compose), SW0283 (live). */
#include "checks/runtime/runtime.h"
#include "lexicon/lexicon.h"

static void check(struct rule_ctx *c)
{
	for (size_t i = 0; i < c->nspecs; i++) {
		const struct spec *s = c->specs[i];

		for (size_t k = 0; k < s->cap_add.n; k++) {
			const struct sp_str *v = &s->cap_add.v[k];
			const char *canon, *what = v->s ? capability_danger(v->s, &canon) : NULL;

			if (!what)
				continue;
			sp_report(c, s, &v->at, s->kind == SPEC_SERVICE ? "adds capability %s: %s" :
				  "has capability %s added: %s", canon, what);
		}
	}
}

const struct check check_rt_capabilities = {
	.on = { [SPEC_SERVICE] = &SW0253, [SPEC_CONTAINER] = &SW0283 },
	.spec = check,
};
