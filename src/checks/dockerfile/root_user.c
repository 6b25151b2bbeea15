/* SW0201: a stage that ships runs as root. The user its main process ends
 * up as: USER, else the base image's own default user, else a privilege
 * drop (gosu, su-exec, setpriv...) in what the ENTRYPOINT and CMD run. */
#include "checks/check.h"

#include <string.h>

#include "checks/dockerfile/helpers.h"
#include "lexicon/lexicon.h"
#include "util/str.h"

/* Whether a user operand names root. */
static bool root_name(const char *u)
{
	return str_eq(u, "root") || str_eq(u, "0") || !strncmp(u, "0:", 2) ||
	       !strncmp(u, "root:", 5);
}

/* The value of option opt (-u USER, -uUSER, --reuid=X, --reuid X). */
static const char *opt_value(const struct sh_cmd *cmd, const char *opt)
{
	size_t n = strlen(opt);

	for (size_t i = 1; i < cmd->argc; i++) {
		const char *t = cmd->argv[i].text;

		if (str_eq(t, opt))
			return i + 1 < cmd->argc ? cmd->argv[i + 1].text : NULL;
		if (!strncmp(t, opt, n) && (t[n] == '=' || (opt[1] != '-' && t[n])))
			return t + n + (t[n] == '=');
	}
	return NULL;
}

/* The user a privilege-dropping command runs the rest as, or NULL when
 * cmd drops nothing (or "drops" to root). */
static const char *drop_user(const struct sh_cmd *cmd)
{
	const char *name = sh_cmd_name(cmd), *u = NULL;

	if (str_eq(name, "gosu") || str_eq(name, "su-exec") || str_eq(name, "s6-setuidgid") ||
	    str_eq(name, "setuidgid"))
		u = cmd->argc >= 3 ? cmd->argv[1].text : NULL;
	else if (str_eq(name, "chpst") || str_eq(name, "runuser") ||
		 str_eq(name, "s6-applyuidgid"))
		u = opt_value(cmd, "-u");
	else if (str_eq(name, "setpriv"))
		u = opt_value(cmd, "--reuid");
	else if (str_eq(name, "capsh"))
		u = opt_value(cmd, "--user");
	else if (str_eq(name, "su") && sh_cmd_find_arg(cmd, "-c")) {
		/* su [-] USER -c CMD, su -c CMD USER */
		for (size_t i = 1; i < cmd->argc && !u; i++) {
			const char *t = cmd->argv[i].text;

			if (str_eq(t, "-c") || str_eq(t, "-s"))
				i++;
			else if (t[0] != '-')
				u = t;
		}
	}
	if (!u || !u[0] || root_name(u))
		return NULL;
	return u;
}

/* A privilege drop found in what the stage runs. */
struct drop {
	const struct sh_cmd *cmd;
	const char *user;
	const struct entry_script *sc;	/* NULL: in the ENTRYPOINT or CMD */
	const char *text;		/* the script text cmd's offsets are in */
	bool branch;			/* only under a condition */
	size_t cond_off;		/* where that condition starts */
};

/* A condition that tests for root ("$(id -u)" = 0, $EUID): the branch
 * root takes, so the drop holds whenever it matters. */
static bool root_test(const char *text, size_t off)
{
	static const char *const words[] = { "id -u", "EUID", "$UID", "${UID", "whoami", NULL };
	const char *end;
	size_t n;

	if (!text)
		return false;
	end = strchr(text + off, '\n');
	n = end ? (size_t)(end - text - off) : strlen(text + off);

	for (size_t i = 0; words[i]; i++)
		if (memmem(text + off, n, words[i], strlen(words[i])))
			return true;
	return false;
}

/* Looks for a privilege drop in sh that is exec'd or is its last command:
 * true for one that always happens; one under a condition only fills
 * *out (when empty). text is what cmd offsets are in (NULL: unknown). */
static bool find_drop(const struct sh_script *sh, const char *text, const struct entry_script *sc,
		      struct drop *out)
{
	const struct sh_cmd *last = sh_main_after(sh, 0);

	for (size_t i = 0; i < sh->ncmds; i++) {
		const struct sh_cmd *cmd = &sh->cmds[i];
		const char *u = drop_user(cmd);
		bool exec = false, branch;
		size_t cond, head = i;

		if (!u || cmd->background)
			continue;
		for (size_t k = i; k-- > 0;)
			if (sh_wraps(&sh->cmds[k], &sh->cmds[head])) {
				exec |= str_eq(sh_cmd_name(&sh->cmds[k]), "exec");
				head = k;
			}
		/* the drop's group is the last thing the script runs */
		if (!exec && !(last && last >= cmd && last <= &sh->cmds[sh_group_end(sh, i)]))
			continue;
		branch = cmd->nest && !root_test(text, cmd->nest_off);
		cond = cmd->nest_off;
		if (!branch && head > 0 && (sh->cmds[head - 1].sep == SH_SEP_AND ||
					    sh->cmds[head - 1].sep == SH_SEP_OR) &&
		    !root_test(text, sh->cmds[head - 1].off)) {
			branch = true;
			cond = sh->cmds[head - 1].off;
		}
		if (!branch) {
			*out = (struct drop){ cmd, u, sc, text, false, 0 };
			return true;
		}
		if (!out->cmd && sc)
			*out = (struct drop){ cmd, u, sc, text, true, cond };
	}
	return false;
}

/* The condition at off, up to `; then`, `; do` or the end of its line,
 * cut short. */
static const char *cond_text(struct arena *a, const char *text, size_t off)
{
	const char *p = text + off, *then = strstr(p, "; then"), *d = strstr(p, "; do");
	size_t n = strcspn(p, "\n");

	if (then && (size_t)(then - p) < n)
		n = (size_t)(then - p);
	if (d && (size_t)(d - p) < n)
		n = (size_t)(d - p);
	if (n > 60)
		return arena_printf(a, "%.57s...", p);
	return arena_printf(a, "%.*s", (int)n, p);
}

static void check(struct rule_ctx *c)
{
	const struct m_stage *s = c->stage;
	const struct lex_nonroot_image *base;
	struct main_process mp;
	struct drop d = { 0 };
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
	if (find_drop(&mp.sh, NULL, NULL, &d))
		return;	/* ENTRYPOINT ["su-exec", "app"]... */
	for (size_t k = 0; c->entry && k < c->entry->n; k++)
		if (find_drop(&c->entry->scripts[k].sh, c->entry->scripts[k].text,
			      &c->entry->scripts[k], &d))
			return;	/* root-only setup, then the main process runs as d.user */
	if (d.cmd && d.sc) {
		unsigned line, col;

		entry_script_pos(d.sc, d.cond_off, &line, &col);
		f = rule_report_script(c, d.sc, d.cmd->off,
				       "%s drops to user %s (%s) only under `%s` (line %u): "
				       "otherwise the main process runs as root",
				       c->stage_label, d.user, sh_cmd_name(d.cmd),
				       cond_text(c->a, d.text, d.cond_off), line);
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
