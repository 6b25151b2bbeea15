/* SW1003: json-file logging without max-size. */
#include "rules/compose_util.h"

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

const struct rule rule_compose_log_rotation = {
	.id = "SW1003",
	.title = "A compose service logs with json-file and no max-size",
	.severity = SEV_WARNING,
	.checklist = 10,
	.layer = "compose",
	.why = "The json-file driver keeps everything the container writes in one file on "
	       "the host and never rotates it unless max-size is set: a chatty service fills "
	       "/var/lib/docker, and then every container on the host fails.",
	.bad = "services:\n  api:\n    image: acme/api:1.8\n    logging:\n      driver: json-file\n",
	.good = "services:\n  api:\n    image: acme/api:1.8\n    logging:\n      driver: json-file\n"
		"      options:\n        max-size: 10m\n        max-file: \"3\"\n",
	.fix = "Add options max-size (e.g. 10m) and max-file (e.g. \"3\"), or use the local "
	       "driver, which rotates by default",
	.check_compose = check,
};
