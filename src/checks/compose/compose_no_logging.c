/* SW1004: a compose service sets no log rotation. */
#include "checks/compose/compose_util.h"

#include "util/str.h"

/* One finding per file, at its first such service: the fix (an x-logging
 * anchor, or daemon.json) is one change for all of them, and a base file
 * shared by several projects then says the same thing once. */
static void check(struct rule_ctx *c)
{
	const struct c_project *p = c->project;
	const struct c_service **v = arena_alloc(c->a, (p->nservices + 1) * sizeof(*v));
	bool *done = arena_alloc(c->a, (p->nservices + 1) * sizeof(*done));

	for (size_t i = 0; i < p->nservices; i++) {
		const char *file = p->services[i].pos.file;
		size_t n = 0;

		if (done[i])
			continue;
		for (size_t k = i; k < p->nservices; k++) {
			const struct c_service *s = &p->services[k];

			if (done[k] || !str_eq_null(s->pos.file, file))
				continue;
			done[k] = true;
			if (!s->logging_driver.s && !cx_logging_option(s, "max-size"))
				v[n++] = s;
		}
		if (!n)
			continue;
		/* daemon.json may rotate them: said, as the host is not known here */
		cx_report(c, NULL, &v[0]->pos, NULL, "%s set%s no log rotation: unless "
			  "daemon.json sets one, the default json-file driver lets %s grow without "
			  "limit", cx_names(c->a, v, n), n > 1 ? "" : "s",
			  n > 1 ? "their logs" : "its log");
	}
}

const struct check check_compose_no_logging = {
	.rule = &SW1004,
	.compose = check,
};
