/* SW1003: json-file logging without max-size. */
#include "checks/compose/compose_util.h"

#include <string.h>
#include "util/str.h"

static bool unrotated(const struct c_service *s)
{
	return s->logging_driver.s && str_eq(s->logging_driver.s, "json-file") &&
	       !cx_logging_option(s, "max-size");
}

/* Services sharing one logging anchor get one finding at the anchor. */
static void check(struct rule_ctx *c)
{
	const struct c_project *p = c->project;
	const struct c_service **v = arena_alloc(c->a, (p->nservices + 1) * sizeof(*v));

	for (size_t i = 0; i < p->nservices; i++) {
		const struct c_service *s = &p->services[i];
		size_t n = 0;
		bool seen = false;

		if (!unrotated(s))
			continue;
		for (size_t k = 0; k < i && !seen; k++)
			seen = unrotated(&p->services[k]) &&
			       cx_same_pos(&p->services[k].logging_driver.pos, &s->logging_driver.pos);
		if (seen)
			continue;
		for (size_t k = i; k < p->nservices; k++)
			if (k == i || (unrotated(&p->services[k]) &&
				       cx_same_pos(&p->services[k].logging_driver.pos,
						   &s->logging_driver.pos)))
				v[n++] = &p->services[k];
		cx_report_value(c, NULL, &s->logging_driver, "%s log%s with json-file and no "
				"max-size: the log file grows until the disk is full",
				cx_names(c->a, v, n), n > 1 ? "" : "s");
	}
}

const struct check check_compose_log_rotation = {
	.rule = &SW1003,
	.compose = check,
};
