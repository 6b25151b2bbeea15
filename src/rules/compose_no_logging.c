/* SW1004: a compose service sets no log rotation. */
#include "rules/compose_util.h"

#include <string.h>

/* One finding per project, at the first service: the fix (an x-logging
 * anchor, or daemon.json) is one change for all of them. */
static void check(struct rule_ctx *c)
{
	const struct c_project *p = c->project;
	const struct c_service **v = arena_alloc(c->a, (p->nservices + 1) * sizeof(*v));
	size_t n = 0;

	for (size_t i = 0; i < p->nservices; i++) {
		const struct c_service *s = &p->services[i];

		if (!s->logging_driver.s && !cx_logging_option(s, "max-size"))
			v[n++] = s;
	}
	if (!n)
		return;
	cx_report(c, NULL, &v[0]->pos, NULL, "%s set%s no log rotation: with the default "
		  "json-file driver %s grow%s without limit unless the daemon's log-opts set "
		  "max-size (seaworthy host checks daemon.json)", cx_names(c->a, v, n),
		  n > 1 ? "" : "s", n > 1 ? "their logs" : "its log", n > 1 ? "" : "s");
}

const struct rule rule_compose_no_logging = {
	.id = "SW1004",
	.title = "A compose service sets no log rotation",
	.severity = SEV_INFO,
	.checklist = 10,
	.layer = "compose",
	.why = "Without logging options the service uses the daemon's default driver, which "
	       "is json-file without rotation unless /etc/docker/daemon.json sets log-opts "
	       "(or makes local the default). Rotation may well be set there, which "
	       "seaworthy host checks; setting it in the compose file keeps the project safe "
	       "on any host.",
	.bad = "services:\n  api:\n    image: acme/api:1.8\n",
	.good = "x-logging: &logging\n  driver: local\n  options:\n    max-size: 10m\n"
		"services:\n  api:\n    image: acme/api:1.8\n    logging: *logging\n",
	.fix = "Set logging: driver: local (rotated by default) or json-file with max-size, "
	       "shared through an x-logging anchor, or set log-opts in daemon.json",
	.check_compose = check,
};
