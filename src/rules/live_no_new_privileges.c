/* SW0091: a container runs without no-new-privileges. */
#include "rules/live_util.h"

#include <string.h>
#include "util/str.h"

static void check(struct rule_ctx *c)
{
	const struct live_container *ct = c->container;

	for (size_t k = 0; k < ct->nsecurity_opt; k++) {
		const char *o = ct->security_opt[k];

		if (str_eq(o, "no-new-privileges") || str_eq(o, "no-new-privileges:true") ||
		    str_eq(o, "no-new-privileges=true"))
			return;
	}
	lv_report(c, "does not set no-new-privileges: setuid programs in it can still raise "
		  "privileges (unless the daemon sets it for every container)");
}

const struct rule rule_live_no_new_privileges = {
	.id = "SW0091",
	.title = "A container runs without no-new-privileges",
	.severity = SEV_INFO,
	.checklist = 0,
	.layer = "live",
	.why = "no-new-privileges stops a process from gaining privileges through setuid or "
	       "setgid binaries (su, sudo, a planted setuid shell). The engine shows it only when "
	       "the container asked for it; a daemon-wide \"no-new-privileges\": true (SW0083) "
	       "applies without showing here, hence information only.",
	.bad = "docker run -d --name api acme/api:1.8\n",
	.good = "docker run -d --security-opt no-new-privileges --name api acme/api:1.8\n"
		"# compose: security_opt: [\"no-new-privileges:true\"]\n",
	.fix = "Recreate the container with --security-opt no-new-privileges (security_opt: "
	       "[\"no-new-privileges:true\"] in compose), or set it in daemon.json",
	.check_live = check,
};
