/* SW1002: a compose service throws its logs away (logging driver none). */
#include "rules/compose_util.h"

#include <string.h>
#include "util/str.h"

static void check(struct rule_ctx *c)
{
	const struct c_project *p = c->project;

	for (size_t i = 0; i < p->nservices; i++) {
		const struct c_service *s = &p->services[i];

		if (s->logging_driver.s && str_eq(s->logging_driver.s, "none"))
			cx_report_value(c, s, &s->logging_driver, "service %s has logging driver "
					"none: its output is thrown away, and docker logs shows "
					"nothing when it fails", s->name);
	}
}

const struct rule rule_compose_logging_none = {
	.id = "SW1002",
	.title = "A compose service throws its logs away (logging driver none)",
	.severity = SEV_WARNING,
	.checklist = 10,
	.layer = "compose",
	.why = "With driver none nothing the service writes to stdout or stderr is kept: "
	       "docker logs is empty and the crash that took the service down leaves no "
	       "trace. Rotation, not silence, is the cure for logs that are too big.",
	.bad = "services:\n  api:\n    image: acme/api:1.8\n    logging:\n      driver: none\n",
	.good = "services:\n  api:\n    image: acme/api:1.8\n    logging:\n      driver: local\n"
		"      options:\n        max-size: 10m\n",
	.fix = "Use the local driver (rotated by default) or json-file with max-size and max-file",
	.check_compose = check,
};
