/* SW0903: a compose service uses the host's network stack. */
#include "rules/compose_util.h"

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

const struct rule rule_compose_host_network = {
	.id = "SW0903",
	.title = "A compose service uses the host network",
	.severity = SEV_WARNING,
	.checklist = 9,
	.layer = "compose",
	.why = "With network_mode: host the container shares the host's network stack: any "
	       "port it opens (an admin endpoint, a debug port, a database) listens on every "
	       "host interface without a ports: line to review, and it can reach services "
	       "bound to the host's loopback.",
	.bad = "services:\n  api:\n    image: acme/api:1.8\n    network_mode: host\n",
	.good = "services:\n  api:\n    image: acme/api:1.8\n    ports: [\"127.0.0.1:8080:8080\"]\n",
	.fix = "Remove network_mode: host and publish only the ports needed (bound to "
	       "127.0.0.1 unless the service is the proxy)",
	.check_compose = check,
};
