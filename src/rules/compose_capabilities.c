/* SW0253: a compose service adds a capability that reaches the host. */
#include "rules/compose_util.h"

#include "rules/names.h"

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

const struct rule rule_compose_capabilities = {
	.id = "SW0253",
	.title = "A compose service adds a capability that reaches the host",
	.severity = SEV_ERROR,
	.checklist = 2,
	.layer = "compose",
	.why = "Docker drops the capabilities that act on the whole machine. Adding one back "
	       "(ALL, SYS_ADMIN, SYS_MODULE, SYS_PTRACE, DAC_READ_SEARCH, NET_ADMIN...) gives "
	       "root in the container a documented path to the host: mounting filesystems, "
	       "loading kernel modules, reading other processes' memory, rewriting the "
	       "firewall.",
	.bad = "services:\n  app:\n    image: acme/app:2.1\n    cap_add: [SYS_ADMIN]\n",
	.good = "services:\n  app:\n    image: acme/app:2.1\n    cap_drop: [ALL]\n"
		"    cap_add: [NET_BIND_SERVICE]\n",
	.fix = "Remove the capability; if the service truly needs it, isolate it (a dedicated "
	       "host or VM) and document why",
	.check_compose = check,
};
