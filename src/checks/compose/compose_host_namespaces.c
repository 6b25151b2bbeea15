/* SW0255: a compose service shares the host's pid, ipc or user namespace. */
#include "checks/compose/compose_util.h"

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

const struct check check_compose_host_namespaces = {
	.rule = &SW0255,
	.compose = check,
};
