/* The host's pid, ipc, UTS or user namespace shared: SW0255 (compose), SW0286
 * (live). */
#include "checks/runtime/runtime.h"
#include "util/str.h"

static bool host(const struct sp_str *v)
{
	return v->s && str_eq(v->s, "host");
}

static void check(struct rule_ctx *c)
{
	for (size_t i = 0; i < c->nspecs; i++) {
		const struct spec *s = c->specs[i];
		bool live = s->kind == SPEC_CONTAINER;

		if (host(&s->pid))
			sp_report(c, s, &s->pid.at, "shares the host's process namespace (%s): it sees "
				  "every host process and, as root, can signal them",
				  live ? "--pid host" : "pid: host");
		if (host(&s->ipc))
			sp_report(c, s, &s->ipc.at, "shares the host's IPC namespace (%s): shared "
				  "memory and semaphores of host processes are open to it",
				  live ? "--ipc host" : "ipc: host");
		if (host(&s->uts))
			sp_report(c, s, &s->uts.at, "shares the host's UTS namespace (%s): it sees the "
				  "host's hostname and, with CAP_SYS_ADMIN, can change it",
				  live ? "--uts host" : "uts: host");
		if (host(&s->userns))
			sp_report(c, s, &s->userns.at, "opts out of user namespace remapping (%s): "
				  "root in it is root on the host even where the daemon remaps users",
				  live ? "--userns host" : "userns_mode: host");
	}
}

const struct check check_rt_namespaces = {
	.on = { [SPEC_SERVICE] = &SW0255, [SPEC_CONTAINER] = &SW0286 },
	.spec = check,
};
