/* SW0253: a compose service adds a capability that reaches the host. */
#include "checks/compose/compose_util.h"

#include "lexicon/lexicon.h"

static void check(struct rule_ctx *c)
{
	const struct c_project *p = c->project;

	for (size_t i = 0; i < p->nservices; i++) {
		const struct c_service *s = &p->services[i];

		for (size_t k = 0; k < s->cap_add.n; k++) {
			const struct c_value *v = &s->cap_add.v[k];
			const char *canon, *what = v->s ? capability_danger(v->s, &canon) : NULL;

			if (what)
				cx_report_value(c, s, v, "service %s adds capability %s: %s", s->name,
						canon, what);
		}
	}
}

const struct check check_compose_capabilities = {
	.rule = &SW0253,
	.compose = check,
};
