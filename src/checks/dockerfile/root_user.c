/* SW0201: a stage that ships runs as root. */
#include "checks/check.h"

static void check(struct rule_ctx *c)
{
	const struct m_stage *s = c->stage;
	struct finding *f;

	if (!s || !m_user_is_root(s->user))
		return;
	if (!s->user_instr) {
		f = rule_report(c, &s->instrs[0],
				"%s has no USER, so the container runs as root", c->stage_label);
		return;
	}
	f = rule_report(c, s->user_instr, "%s runs as root (USER %s)", c->stage_label,
			s->user);
	f->fix = "Switch to the unprivileged user (for example USER app) after the packages are installed";
}

const struct check check_root_user = {
	.rule = &SW0201,
	.stage = check,
};
