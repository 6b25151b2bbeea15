/* SW0255: a compose service shares the host's pid, ipc or user namespace. */
#include "rules/compose_util.h"

#include <string.h>
#include "util/str.h"

static void check(struct rule_ctx *c)
{
	const struct c_project *p = c->project;

	for (size_t i = 0; i < p->nservices; i++) {
		const struct c_service *s = &p->services[i];

		if (s->pid.s && str_eq(s->pid.s, "host"))
			cx_report_value(c, s, &s->pid, "service %s shares the host's process "
					"namespace (pid: host): it sees every host process and, as "
					"root, can signal them", s->name);
		if (s->ipc.s && str_eq(s->ipc.s, "host"))
			cx_report_value(c, s, &s->ipc, "service %s shares the host's IPC namespace "
					"(ipc: host): shared memory and semaphores of host processes "
					"are open to it", s->name);
		if (s->userns_mode.s && str_eq(s->userns_mode.s, "host"))
			cx_report_value(c, s, &s->userns_mode, "service %s opts out of user "
					"namespace remapping (userns_mode: host): root in it is "
					"root on the host even where the daemon remaps users",
					s->name);
	}
}

const struct rule rule_compose_host_namespaces = {
	.id = "SW0255",
	.title = "A compose service shares a host namespace (pid, ipc, userns)",
	.severity = SEV_WARNING,
	.checklist = 2,
	.layer = "compose",
	.why = "Namespaces are what keeps a container's view apart from the host. pid: host "
	       "shows it every host process (and lets root in it signal or trace them), "
	       "ipc: host shares the host's shared memory, userns_mode: host undoes the "
	       "daemon's user remapping so container root is host root again.",
	.bad = "services:\n  monitor:\n    image: acme/monitor:1.0\n    pid: host\n",
	.good = "services:\n  monitor:\n    image: acme/monitor:1.0\n"
		"    # watch only the services of the project: share a service's namespace\n"
		"    pid: \"service:app\"\n",
	.fix = "Remove pid/ipc/userns_mode: host; share a sibling's namespace "
	       "(\"service:NAME\") when the service must see another one",
	.check_compose = check,
};
