/* The host's pid, ipc, UTS or user namespace shared: SW0255 (compose). */
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

		if (host(&s->pid))
			sp_report(c, s, &s->pid.at, "shares the host's process namespace (pid: host): "
				  "it sees every host process and, as root, can signal them");
		if (host(&s->ipc))
			sp_report(c, s, &s->ipc.at, "shares the host's IPC namespace (ipc: host): shared "
				  "memory and semaphores of host processes are open to it");
		if (host(&s->uts))
			sp_report(c, s, &s->uts.at, "shares the host's UTS namespace (uts: host): it "
				  "sees the host's hostname and, with CAP_SYS_ADMIN, can change it");
		if (host(&s->userns))
			sp_report(c, s, &s->userns.at, "opts out of user namespace remapping "
				  "(userns_mode: host): root in it is root on the host even where the "
				  "daemon remaps users");
	}
}

const struct check check_rt_namespaces = {
	.on = { [SPEC_SERVICE] = &SW0255 },
	.spec = check,
};
