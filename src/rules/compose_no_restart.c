/* SW0801: a long-running compose service has no restart policy. */
#include "rules/compose_util.h"

#include <string.h>
#include "util/str.h"

static void check(struct rule_ctx *c)
{
	const struct c_project *p = c->project;

	for (size_t i = 0; i < p->nservices; i++) {
		const struct c_service *s = &p->services[i];
		const struct c_value *r = &s->restart, *cond = &s->deploy_restart_condition;

		if (cx_is_one_off(p, i))
			continue;
		/* restart: wins over deploy.restart_policy in docker compose. */
		if (r->s) {
			/* restart: ${POLICY} with POLICY unset: SW0051 says so. */
			if (!*r->s && cx_written_with_variable(c->a, &r->pos))
				continue;
			if (str_eq(r->s, "no") || !*r->s)
				cx_report_value(c, s, r, "service %s has restart: \"%s\": it stays "
						"down after a crash or a reboot", s->name, r->s);
			continue;
		}
		if (cond->s) {
			if (str_eq(cond->s, "none") || str_eq(cond->s, "no"))
				cx_report_value(c, s, cond, "service %s has restart_policy condition "
						"%s: it stays down after a crash or a reboot",
						s->name, cond->s);
			continue;
		}
		if (s->deploy_restart_max_attempts.s)
			continue;	/* a restart_policy without condition: any */
		cx_report(c, s, &s->pos, NULL, "service %s has no restart policy: it stays down "
			  "after a crash or a reboot", s->name);
	}
}

const struct rule rule_compose_no_restart = {
	.id = "SW0801",
	.title = "A long-running compose service has no restart policy",
	.severity = SEV_WARNING,
	.checklist = 8,
	.layer = "compose",
	.why = "Without a restart policy a container that crashes, runs out of memory or is "
	       "stopped by a daemon or host restart stays down until someone notices. One-off "
	       "jobs are exempt: a service others wait for with condition "
	       "service_completed_successfully, or one only in a tools/migration/test/debug/"
	       "setup/init/ci profile.",
	.bad = "services:\n  api:\n    image: acme/api:1.8\n",
	.good = "services:\n  api:\n    image: acme/api:1.8\n    restart: on-failure:5\n",
	.fix = "Add restart: on-failure:5 (or unless-stopped for a service that must come back "
	       "after a reboot)",
	.check_compose = check,
};
