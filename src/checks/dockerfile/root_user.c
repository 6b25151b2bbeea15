/* SW0201: a stage that ships runs as root. The user its main process ends
 * up as: USER, else the base image's own default user, else a privilege
 * drop (gosu, su-exec, setpriv...) in what the ENTRYPOINT and CMD run. */
#include "checks/check.h"

#include <string.h>
#include <strings.h>

#include "checks/dockerfile/helpers.h"
#include "input/shell/drop.h"
#include "lexicon/lexicon.h"
#include "spec/image_ref.h"
#include "util/path.h"
#include "util/str.h"

/* Whether sh starts a supervisord whose every program serves as a user
 * other than root, or only ships logs or probes health. */
static bool supervises_unprivileged(struct rule_ctx *c, const struct sh_script *sh)
{
	for (size_t i = 0; i < sh->ncmds; i++) {
		struct sv_program *v;
		size_t n;
		bool all = true;

		if (sh->cmds[i].background || !str_eq(sh_cmd_name(&sh->cmds[i]), "supervisord"))
			continue;
		n = supervisord_programs(c, &sh->cmds[i], &v);
		for (size_t k = 0; k < n; k++)
			all &= v[k].unprivileged || v[k].helper;
		return n && all;
	}
	return false;
}

/* Whether an earlier stage that ships has the same parent stage as s and
 * no USER either: its finding says it for both. */
static bool sibling_said(const struct rule_ctx *c, const struct m_stage *s)
{
	if (!s->base_stage)
		return false;
	for (size_t k = 0; k < c->nships; k++) {
		const struct m_stage *t = m_stage_named(c->df, c->ships[k].target);

		if (t && t->index < s->index && t->base_stage == s->base_stage &&
		    !t->user_instr && m_user_is_root(t->user))
			return true;
	}
	return false;
}

/* FROM debian with packages (installed or upgraded) and nothing else of its own (no ENTRYPOINT,
 * CMD, EXPOSE, COPY or ADD): a toolbox that runs whatever its runner names
 * (docker run --rm img tar ...), which decides the user too. A compose
 * service that builds it is a runner of this repository, whose command is
 * judged as the image's. */
static bool toolbox(const struct rule_ctx *c, const struct m_stage *s)
{
	const struct m_instr *ep, *cmd;
	const char *root = m_stage_root_image(s);
	bool installs = false;

	m_stage_main_process(s, &ep, &cmd);
	if (ep || cmd || !root || !lex_has(&lex_os_images, image_ref_name(image_ref_repo(c->a, root))))
		return false;
	for (size_t i = 0; i < c->nships; i++)
		if (c->ships[i].by && !strncmp(c->ships[i].by, "compose service ", 16))
			return false;
	for (const struct m_stage *t = s; t; t = t->base_stage)
		for (size_t i = 0; i < t->ninstrs; i++) {
			const struct m_instr *in = &t->instrs[i];

			if (in->kind == K_EXPOSE || in->kind == K_COPY || in->kind == K_ADD)
				return false;
			for (size_t k = 0; in->kind == K_RUN && !installs && k < in->sh.ncmds; k++) {
				const struct lex_pkg_manager *m;
				enum pm_op op = cmd_pm_op(&in->sh.cmds[k], &m);

				installs = m && m->os && (op == PM_INSTALL || op == PM_FETCH);
			}
		}
	return installs;	/* not FROM debian:12 alone: the OS image itself */
}

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
		if (!base->by_entrypoint || (!ep && (!base->by_command || !cmd)))
			return;	/* the base image's own user */
	}
	main_process(c->a, s, &mp);
	if (sh_find_drop(&mp.sh, NULL, NULL, &d))
		return;	/* ENTRYPOINT ["su-exec", "app"]... */
	/* ENTRYPOINT ["/entrypoint.sh"] CMD ["nginx"]: what the script's
	 * exec "$@" runs. */
	if (mp.cmd_apart && sh_find_drop(&mp.cmd->sh, NULL, NULL, &d))
		return;
	/* A Python or Node entry program that execs gosu (synapse's start.py) */
	if (c->entry && c->entry->foreign_drop)
		return;
	/* supervisord, root, runs programs that each serve as their user. */
	if (supervises_unprivileged(c, &mp.sh) ||
	    (mp.cmd_apart && supervises_unprivileged(c, &mp.cmd->sh)))
		return;
	for (size_t k = 0; c->entry && k < c->entry->n; k++)
		if (supervises_unprivileged(c, &c->entry->scripts[k].sh))
			return;
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
		/* FROM a vendor's image (onlyoffice/documentserver,
		 * ghcr.io/linuxserver/...): its USER, unknown here, is the
		 * container's. Docker's official images start as root. */
		if (!m_stage_from_scratch(s) && !lex_image_user_known(m_stage_root_image(s)))
			return;
		/* A base image (debian-base.dockerfile, Dockerfile.base): the
		 * images built FROM it choose their user. */
		if (str_has_word(path_base(c->a, c->df->path), "base"))
			return;
		if (toolbox(c, s))
			return;
		/* Stages that ship FROM one stage of their own with no USER:
		 * one cause, said at the first of them. */
		if (sibling_said(c, s))
			return;
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
