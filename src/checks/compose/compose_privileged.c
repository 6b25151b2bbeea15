/* SW0252: a compose service runs privileged. */
#include "checks/compose/compose_util.h"

static void check(struct rule_ctx *c)
{
	const struct c_project *p = c->project;

	for (size_t i = 0; i < p->nservices; i++) {
		const struct c_service *s = &p->services[i];

		if (cx_true(&s->privileged))
			cx_report_value(c, s, &s->privileged,
					"service %s runs privileged: it gets every capability and "
					"every host device, so root in it is root on the host", s->name);
	}
}

const struct check check_compose_privileged = {
	.rule = &SW0252,
	.compose = check,
};
