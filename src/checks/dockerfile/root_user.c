/* SW0201: a stage that ships runs as root. The user its main process ends
 * up as: USER, else the base image's own default user, else a privilege
 * drop (gosu, su-exec, setpriv...) in what the ENTRYPOINT and CMD run. */
#include "checks/check.h"

#include <string.h>

#include "checks/dockerfile/helpers.h"
#include "input/shell/drop.h"
#include "lexicon/lexicon.h"
#include "util/str.h"

static void check(struct rule_ctx *c)
{
	const struct m_stage *s = c->stage;
	const struct lex_nonroot_image *base;
	struct main_process mp;
	struct sh_drop d = { 0 };
	struct finding *f;

	if (!s || !m_user_is_root(s->user))
		return;
	if (!s->user_instr && (base = lex_nonroot_image(m_stage_root_image(s)))) {
		const struct m_instr *ep, *cmd;

		m_stage_main_process(s, &ep, &cmd);
		if (!base->by_entrypoint || !ep)
			return;	/* the base image's own user */
	}
	main_process(c->a, s, &mp);
	if (sh_find_drop(&mp.sh, NULL, NULL, &d))
		return;	/* ENTRYPOINT ["su-exec", "app"]... */
	for (size_t k = 0; c->entry && k < c->entry->n; k++)
		if (sh_find_drop(&c->entry->scripts[k].sh, c->entry->scripts[k].text,
			      &c->entry->scripts[k], &d))
			return;	/* root-only setup, then the main process runs as d.user */
	if (d.cmd && d.sc) {
		unsigned line, col;

		entry_script_pos(d.sc, d.cond_off, &line, &col);
		f = rule_report_script(c, d.sc, d.cmd->off,
				       "%s drops to user %s (%s) only under `%s` (line %u): "
				       "otherwise the main process runs as root",
				       c->stage_label, d.user, sh_cmd_name(d.cmd),
				       sh_cond_text(c->a, d.text, d.cond_off), line);
		f->severity = SEV_WARNING;
		f->fix = "Drop privileges on every path to the main process, or set USER "
			 "in the Dockerfile";
		return;
	}
	if (!s->user_instr) {
		f = rule_report(c, &s->instrs[0],
				"%s has no USER, so the container runs as root", c->stage_label);
		if (m_stage_from_scratch(s) ||
		    (m_stage_root_image(s) && strstr(m_stage_root_image(s), "distroless")))
			f->fix = "Add a numeric USER (for example USER 65532:65532): the image "
				 "has no useradd or /etc/passwd to create a named user with";
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
