/* SW1002: a compose service throws its logs away (logging driver none). */
#include "checks/compose/compose_util.h"

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

const struct check check_compose_logging_none = {
	.rule = &SW1002,
	.compose = check,
};
