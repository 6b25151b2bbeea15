/* SW0903: a compose service uses the host's network stack. */
#include "checks/compose/compose_util.h"

#include <string.h>
#include "util/str.h"

static void check(struct rule_ctx *c)
{
	const struct c_project *p = c->project;

	for (size_t i = 0; i < p->nservices; i++) {
		const struct c_service *s = &p->services[i];

		if (s->network_mode.s && str_eq(s->network_mode.s, "host"))
			cx_report_value(c, s, &s->network_mode, "service %s uses network_mode: "
					"host: every port it listens on is open on the host's "
					"interfaces, with no network isolation", s->name);
	}
}

const struct check check_compose_host_network = {
	.rule = &SW0903,
	.compose = check,
};
