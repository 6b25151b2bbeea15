/* SW0251: a compose service runs as root (user: root or 0). */
#include "checks/compose/compose_util.h"

static void check(struct rule_ctx *c)
{
	const struct c_project *p = c->project;

	for (size_t i = 0; i < p->nservices; i++) {
		const struct c_service *s = &p->services[i];
		const struct m_dockerfile *df = cx_service_df(c, i);
		const struct m_stage *st = cx_service_stage(c, i);

		if (!cx_user_is_root(s->user.s))
			continue;
		/* Cross-file: the Dockerfile's USER is what runs unless compose
		 * overrides it, so say which good USER this undoes. */
		if (st && st->user_instr && !m_user_is_root(st->user))
			cx_report_value(c, s, &s->user,
					"service %s runs as root: user: %s overrides USER %s of "
					"its Dockerfile (%s:%u)", s->name, s->user.s, st->user,
					df->path, st->user_instr->node->start.line);
		else
			cx_report_value(c, s, &s->user, "service %s runs as root (user: %s)",
					s->name, s->user.s);
	}
}

const struct check check_compose_root_user = {
	.rule = &SW0251,
	.compose = check,
};
