/* SW0003: CMD or ENTRYPOINT in shell form loses signals. */
#include "checks/check.h"
#include "checks/dockerfile/helpers.h"

#include <string.h>

#include "lexicon/lexicon.h"
#include "util/strbuf.h"
#include "util/str.h"

/* An unwrapped command (exec node -> node) shares its wrapper's argv. */
static bool is_unwrapped(const struct sh_cmd *c, const struct sh_cmd *prev)
{
	return prev && prev->argc > c->argc && c->argv == prev->argv + (prev->argc - c->argc);
}

/*
 * `exec node app.js`, or `cd /app && exec node app.js`: the last command of
 * the top-level list replaces the shell, so it gets the signals itself.
 */
static bool ends_in_exec(const struct sh_script *sh)
{
	const struct sh_cmd *last = NULL, *prev = NULL;

	for (size_t i = 0; i < sh->ncmds; i++) {
		const struct sh_cmd *c = &sh->cmds[i];

		if (c->depth)
			continue;
		if (!is_unwrapped(c, prev))
			last = c;
		prev = c;
	}
	return last && str_eq(sh_cmd_name(last), "exec") && last->argc > 1 &&
	       !last->background && !last->piped &&
	       (last->sep == SH_SEP_END || last->sep == SH_SEP_SEMI);
}

/*
 * BusyBox ash (Alpine, busybox) execs the last simple command of
 * `sh -c 'cmd'`, so a lone one becomes PID 1 and gets the signals; Debian's
 * dash stays as PID 1 (verified with dash 0.5.12), as do lists and pipes
 * everywhere. Only under the default shell of such a base image.
 */
static bool busybox_execs(const struct rule_ctx *c, const struct m_instr *in)
{
	const struct m_stage *root = c->stage;
	const struct sh_cmd *lone = NULL, *prev = NULL;

	while (root->base_stage)
		root = root->base_stage;
	if (instr_shell(in) || !lex_busybox_image(root->image))
		return false;
	for (size_t i = 0; i < in->sh.ncmds; i++) {
		const struct sh_cmd *cmd = &in->sh.cmds[i];

		if (cmd->depth || is_unwrapped(cmd, prev)) {
			prev = cmd;
			continue;
		}
		if (lone)
			return false;
		lone = prev = cmd;
	}
	return lone && !lone->piped && !lone->background && lone->argc;
}

static bool is_shell_form(const struct m_instr *in)
{
	return in && !in->node->json && in->script && *in->script;
}

/* The script as one quoted JSON string, for messages. */
static const char *quoted(struct rule_ctx *c, const char *s)
{
	struct strbuf sb = STRBUF_INIT;
	const char *r;

	df_quote(&sb, s, strlen(s));
	r = arena_strndup(c->a, sb.buf, sb.len);
	strbuf_release(&sb);
	return r;
}

/*
 * The exec form of a script that is one plain command: ["node", "app.js"].
 * NULL when a mechanical rewrite would change its meaning (operators,
 * redirections, expansions, globs), so the fix stays generic.
 */
static const char *exec_form(struct rule_ctx *c, const struct m_instr *in)
{
	const struct sh_script *sh = &in->sh;
	struct strbuf sb = STRBUF_INIT;
	const char *r;

	if (sh->ncmds != 1 || sh->cmds[0].nassigns || !sh->cmds[0].argc ||
	    strpbrk(in->script, "<>|&;$`(){}*?[~#\\\n"))
		return NULL;
	strbuf_addch(&sb, '[');
	for (size_t i = 0; i < sh->cmds[0].argc; i++) {
		const char *w = sh->cmds[0].argv[i].text;

		if (i)
			strbuf_addstr(&sb, ", ");
		df_quote(&sb, w, strlen(w));
	}
	strbuf_addch(&sb, ']');
	r = arena_strndup(c->a, sb.buf, sb.len);
	strbuf_release(&sb);
	return r;
}

/* What runs a shell-form instruction: "/bin/sh -c", or the SHELL's argv. */
static const char *shell_of(struct rule_ctx *c, const struct m_instr *in)
{
	const struct m_instr *sh = instr_shell(in);
	const char *r = "";

	if (!sh)
		return "/bin/sh -c";
	for (size_t i = 0; i < sh->node->nargs; i++)
		r = arena_printf(c->a, "%s%s%s", r, i ? " " : "", sh->node->args[i].value);
	return r;
}

static const char *kw(const struct m_instr *in)
{
	return in->kind == K_CMD ? "CMD" : "ENTRYPOINT";
}

static struct finding *report_shell_form(struct rule_ctx *c, const struct m_instr *in)
{
	const char *ex = exec_form(c, in);
	const char *name = in->sh.ncmds ? sh_cmd_name(&in->sh.cmds[0]) : "";
	const char *inh = in->stage == c->stage ? "" :
			  arena_printf(c->a, " (inherited by %s)", c->stage_label);
	struct finding *f;

	if (in->sh.ncmds == 1 && *name)
		f = rule_report(c, in, "shell-form %s%s runs %s as a child of %s, which does not "
				"pass on SIGTERM: docker stop waits, then kills it",
				kw(in), inh, name, shell_of(c, in));
	else
		f = rule_report(c, in, "shell-form %s%s runs under %s, which does not pass on "
				"SIGTERM: docker stop waits, then kills the process",
				kw(in), inh, shell_of(c, in));
	if (ex)
		f->fix = arena_printf(c->a, "Use the exec form: %s %s", kw(in), ex);
	else
		f->fix = arena_printf(c->a, "Use the exec form (%s [\"executable\", \"arg\"]), or "
				      "start the last command with exec so it replaces the shell",
				      kw(in));
	return f;
}

static void check(struct rule_ctx *c)
{
	const struct m_instr *cmd = NULL, *ep = NULL;
	struct finding *f;
	const char *ex;

	if (!c->stage || !c->stage->ninstrs)
		return;
	m_stage_main_process(c->stage, &ep, &cmd);
	/* cmd.exe and PowerShell have their own signal story. */
	if (ep && !ep->node->json && !instr_posix_shell(c->a, ep))
		return;
	if (!ep && cmd && !cmd->node->json && !instr_posix_shell(c->a, cmd))
		return;

	if (is_shell_form(ep) && !ends_in_exec(&ep->sh) && (cmd || !busybox_execs(c, ep))) {
		f = report_shell_form(c, ep);
		/* The shell gets CMD as $0 $1 ...: the script never sees it. */
		if (cmd)
			f->message = arena_printf(c->a, "%s; it also ignores the CMD on line %u",
						  f->message, cmd->node->start.line);
	}
	/* A shell-form ENTRYPOINT ignores CMD: nothing more to say about it. */
	if (!is_shell_form(cmd) || is_shell_form(ep))
		return;
	if (!ep) {
		if (!ends_in_exec(&cmd->sh) && !busybox_execs(c, cmd))
			report_shell_form(c, cmd);
		return;
	}
	/* Exec-form ENTRYPOINT: the CMD becomes its arguments, shell and all. */
	f = rule_report(c, cmd, "shell-form CMD%s after the exec-form ENTRYPOINT on line %u is "
			"passed to it as the arguments %s %s",
			cmd->stage == c->stage ? "" :
			arena_printf(c->a, " (inherited by %s)", c->stage_label),
			ep->node->start.line, shell_of(c, cmd), quoted(c, cmd->script));
	ex = exec_form(c, cmd);
	f->fix = ex ? arena_printf(c->a, "Use the exec form, which passes plain arguments: CMD %s", ex)
		    : "Use the exec form, which passes plain arguments: CMD [\"arg\", ...]";
}

const struct check check_shell_form_cmd = {
	.rule = &SW0003,
	.stage = check,
};
