/* SW0252: a compose service runs privileged. */
#include "rules/compose_util.h"

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

const struct rule rule_compose_privileged = {
	.id = "SW0252",
	.title = "A compose service runs privileged",
	.severity = SEV_ERROR,
	.checklist = 2,
	.layer = "compose",
	.why = "privileged: true turns off nearly all isolation: every capability, all host "
	       "devices, no seccomp or AppArmor profile, writable /sys. A process in such a "
	       "container can mount the host's disks or load kernel modules; it is a root "
	       "shell on the host with extra steps.",
	.bad = "services:\n  agent:\n    image: acme/agent:1.4\n    privileged: true\n",
	.good = "services:\n  agent:\n    image: acme/agent:1.4\n    cap_add: [NET_BIND_SERVICE]\n"
		"    devices: [\"/dev/fuse\"]\n",
	.fix = "Remove privileged: true and grant only what the service needs: a capability "
	       "in cap_add, a device in devices:",
	.check_compose = check,
};
