/* SW0201: the final stage runs as root. */
#include "rules/rule.h"

static void check(struct rule_ctx *c)
{
	const struct m_stage *s = c->df->final;
	struct finding *f;

	if (!s || !m_user_is_root(s->user))
		return;
	if (!s->user_instr) {
		f = rule_report(c, &s->instrs[0],
				"the final stage has no USER, so the container runs as root");
		return;
	}
	f = rule_report(c, s->user_instr, "the final stage runs as root (USER %s)", s->user);
	f->fix = "Switch to the unprivileged user (for example USER app) after the packages are installed";
}

const struct rule rule_root_user = {
	.id = "SW0201",
	.title = "The final stage runs as root",
	.severity = SEV_ERROR,
	.checklist = 2,
	.layer = "dockerfile",
	.why = "A process running as root in the container is root on the host's kernel: "
	       "any escape through a kernel or runtime bug, or a mounted path, gives the "
	       "attacker the host. An unprivileged user limits the damage of a compromise.",
	.bad = "FROM node:20-slim\nWORKDIR /app\nCOPY . .\nCMD [\"node\", \"server.js\"]\n",
	.good = "FROM node:20-slim\nRUN useradd --system --create-home app\nWORKDIR /app\n"
		"COPY --chown=app:app . .\nUSER app\nCMD [\"node\", \"server.js\"]\n",
	.fix = "Create an unprivileged user at build time (useradd/adduser) and add USER <name> "
	       "after the OS packages are installed",
	.check_dockerfile = check,
};
