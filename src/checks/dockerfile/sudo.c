/* SW0203: sudo is used in the image. */
#include "checks/check.h"

#include <string.h>

#include "checks/dockerfile/helpers.h"
#include "util/str.h"

/* "sudo", "sudo=1.9.13p3-1", "sudo:amd64", "sudo>1.9": the sudo package. */
static bool is_sudo_package(const char *p)
{
	return !strncmp(p, "sudo", 4) && (!p[4] || strchr("=:<>~", p[4]));
}

static void on_package(void *ctx, const struct sh_word *pkg)
{
	bool *found = ctx;

	if (!pkg->has_subst && is_sudo_package(pkg->text))
		*found = true;
}

/* The command sudo runs: the shell parser emits it right after the sudo
 * command, sharing its argv. NULL for a bare `sudo -v` or similar. */
static const struct sh_cmd *wrapped(const struct sh_script *sh, size_t i)
{
	const struct sh_cmd *w = &sh->cmds[i];

	if (i + 1 < sh->ncmds) {
		const struct sh_cmd *n = &sh->cmds[i + 1];

		for (size_t k = 1; k < w->argc; k++)
			if (n->argv == w->argv + k)
				return n;
	}
	return NULL;
}

/* The user of sudo -u USER (-uUSER, --user=USER, --user USER), or NULL. */
static const char *target_user(const struct sh_cmd *sudo, const struct sh_cmd *run)
{
	for (size_t i = 1; i < sudo->argc; i++) {
		const char *t = sudo->argv[i].text;

		if (run && sudo->argv + i == run->argv)
			break;	/* the command's own arguments */
		if ((str_eq(t, "-u") || str_eq(t, "--user")) && i + 1 < sudo->argc)
			return sudo->argv[i + 1].text;
		if (!strncmp(t, "--user=", 7))
			return t + 7;
		if (!strncmp(t, "-u", 2) && t[2])
			return t + 2;
	}
	return NULL;
}

static void check_use(struct rule_ctx *c, const struct m_instr *in)
{
	const struct sh_script *sh = &in->sh;

	for (size_t i = 0; i < sh->ncmds; i++) {
		const struct sh_cmd *run;
		const char *what, *via, *as;
		struct finding *f;

		if (strcmp(sh_cmd_name(&sh->cmds[i]), "sudo"))
			continue;
		run = wrapped(sh, i);
		what = run ? sh_cmd_name(run) : NULL;
		via = run ? arena_printf(c->a, " (sudo %s)", what) : "";
		if (in->kind != K_RUN) {
			f = run ? rule_report(c, in, "the container starts %s through sudo", what)
				: rule_report(c, in, "the container runs sudo");
			f->fix = "Start the process directly as the image's USER; to drop privileges "
				 "at start-up use gosu or su-exec, not sudo";
		} else if (run && (as = target_user(&sh->cmds[i], run)) && !m_user_is_root(as)) {
			/* sudo -u app: dropping privileges for one step. */
			f = rule_report(c, in, "RUN uses sudo -u %s to run %s as %s", as, what, as);
			f->fix = arena_printf(c->a,
					      "Run the step under USER %s (or chown what it creates) "
					      "instead of sudo", as);
		} else if (m_user_is_root(in->user)) {
			f = rule_report(c, in, "RUN uses sudo%s though it already runs as root", via);
			f->fix = run ? arena_printf(c->a, "Drop sudo and call %s directly", what)
				     : "Drop sudo";
		} else {
			f = rule_report(c, in, "RUN uses sudo%s under USER %s", via, in->user);
			f->fix = arena_printf(c->a,
					      "Run this step as root (USER root before it, USER %s "
					      "after) and drop sudo", in->user);
		}
		return;	/* one finding per instruction is enough */
	}
}

static void check_package(struct rule_ctx *c, const struct m_instr *in)
{
	for (size_t i = 0; i < in->sh.ncmds; i++) {
		const struct sh_cmd *cmd = &in->sh.cmds[i];
		bool found = false;
		struct finding *f;

		cmd_os_install_each_package(cmd, on_package, &found);
		if (!found)
			continue;
		f = rule_report(c, in, "the image installs the sudo package (%s %s sudo)",
				sh_cmd_name(cmd), sh_cmd_subcommand(cmd));
		f->fix = "Don't ship sudo: do privileged work at build time as root, and use "
			 "gosu or su-exec if the entrypoint must drop privileges";
		return;
	}
}

/* sudo in any RUN. */
static void check(struct rule_ctx *c)
{
	for (size_t si = 0; si < c->df->nstages; si++) {
		const struct m_stage *s = &c->df->stages[si];

		for (size_t k = 1; k < s->ninstrs; k++)
			if (s->instrs[k].kind == K_RUN)
				check_use(c, &s->instrs[k]);
	}
}

/* Whether the stage's chain grants sudo to anyone: a RUN or a COPY that
 * writes /etc/sudoers or /etc/sudoers.d. */
static bool grants_sudo(const struct m_stage *st)
{
	for (const struct m_stage *s = st; s; s = s->base_stage)
		for (size_t k = 1; k < s->ninstrs; k++) {
			const struct m_instr *in = &s->instrs[k];

			if ((in->kind == K_RUN || in->kind == K_COPY || in->kind == K_ADD) &&
			    in->node && in->node->original && strstr(in->node->original, "sudoers"))
				return true;
		}
	return false;
}

/* A CMD or ENTRYPOINT only runs in an image, and a sudo package only
 * matters there: the stage that ships and the stages it is built FROM.
 * In an image that runs as root and grants sudo to no one, sudo gives
 * nothing root lacks (SW0201 reports the root). */
static void check_stage(struct rule_ctx *c)
{
	bool package = !m_user_is_root(c->stage->user) || grants_sudo(c->stage);

	for (const struct m_stage *s = c->stage; s; s = s->base_stage)
		for (size_t k = 1; k < s->ninstrs; k++) {
			const struct m_instr *in = &s->instrs[k];

			if (in->kind == K_CMD || in->kind == K_ENTRYPOINT)
				check_use(c, in);
			if (in->kind == K_RUN && package)
				check_package(c, in);
		}
}

const struct check check_sudo = {
	.rule = &SW0203,
	.dockerfile = check,
	.stage = check_stage,
};
