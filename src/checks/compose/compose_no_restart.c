/* SW0801: a long-running compose service has no restart policy. */
#include "checks/compose/compose_util.h"

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

const struct check check_compose_no_restart = {
	.rule = &SW0801,
	.compose = check,
};
