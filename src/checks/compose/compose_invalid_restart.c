/* SW0802: a restart value Docker refuses. */
#include "checks/compose/compose_util.h"

#include <ctype.h>
#include <string.h>
#include "util/str.h"

/* no, always, unless-stopped, on-failure, on-failure:N (N >= 0). */
static bool valid_restart(const char *v)
{
	if (!*v || str_eq(v, "no") || str_eq(v, "always") || str_eq(v, "unless-stopped") ||
	    str_eq(v, "on-failure"))
		return true;
	if (strncmp(v, "on-failure:", 11) || !v[11])
		return false;
	for (v += 11; *v; v++)
		if (!isdigit((unsigned char)*v))
			return false;
	return true;
}

/* deploy.restart_policy.condition as docker compose maps it to the engine. */
static bool valid_condition(const char *v)
{
	static const char *const ok[] = {
		"none", "no", "on-failure", "any", "always", "unless-stopped", NULL
	};

	for (size_t k = 0; ok[k]; k++)
		if (str_eq(v, ok[k]))
			return true;
	return false;
}

static void check(struct rule_ctx *c)
{
	const struct c_project *p = c->project;

	for (size_t i = 0; i < p->nservices; i++) {
		const struct c_service *s = &p->services[i];

		if (s->restart.s && !valid_restart(s->restart.s))
			cx_report_value(c, s, &s->restart, "service %s has restart: \"%s\", which is "
					"not a restart policy: Docker refuses to create the "
					"container", s->name, s->restart.s);
		if (s->deploy_restart_condition.s && !valid_condition(s->deploy_restart_condition.s))
			cx_report_value(c, s, &s->deploy_restart_condition, "service %s has "
					"restart_policy condition \"%s\", which is not one of none, "
					"on-failure or any", s->name, s->deploy_restart_condition.s);
	}
}

const struct check check_compose_invalid_restart = {
	.rule = &SW0802,
	.compose = check,
};
