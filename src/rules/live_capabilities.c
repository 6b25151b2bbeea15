/* SW0283: a container has a capability added that reaches the host. */
#include "rules/live_util.h"

#include "rules/names.h"

static void check(struct rule_ctx *c)
{
	const struct live_container *ct = c->container;

	for (size_t k = 0; k < ct->ncap_add; k++) {
		const char *canon, *what = capability_danger(ct->cap_add[k], &canon);

		if (what)
			lv_report(c, "has capability %s added: %s", canon, what);
	}
}

const struct rule rule_live_capabilities = {
	.id = "SW0283",
	.title = "A container has a capability added that reaches the host",
	.severity = SEV_ERROR,
	.checklist = 2,
	.layer = "live",
	.why = "Docker drops the capabilities that act on the whole machine. A running container "
	       "that got one back (ALL, SYS_ADMIN, SYS_MODULE, SYS_PTRACE, DAC_READ_SEARCH, "
	       "NET_ADMIN...) gives root in it a documented path to the host: mounting "
	       "filesystems, loading kernel modules, reading other processes' memory, rewriting "
	       "the firewall. The list is the one of the compose rule SW0253.",
	.bad = "docker run -d --cap-add SYS_ADMIN --name app acme/app:2.1\n",
	.good = "docker run -d --cap-drop ALL --cap-add NET_BIND_SERVICE --name app acme/app:2.1\n",
	.fix = "Recreate the container without the capability; if it truly needs it, isolate it "
	       "(a dedicated host or VM) and document why",
	.check_live = check,
};
