/* Privilege drops: gosu, su-exec, setpriv, s6-setuidgid, chpst, runuser,
 * capsh and su -c, judged the same for a Dockerfile's stage and an image. */
#include "input/shell/drop.h"

#include <string.h>

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

/* Apache's httpd: -D NAME or -DNAME defines (BusyBox httpd has no -D). */
static bool apache_define(const struct sh_cmd *cmd)
{
	for (size_t i = 1; i < cmd->argc; i++)
		if (!strncmp(cmd->argv[i].text, "-D", 2))
			return true;
	return false;
}

/* The user a privilege-dropping command runs the rest as, or NULL when
 * cmd drops nothing (or "drops" to root). */
const char *sh_drop_user(const struct sh_cmd *cmd)
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
	else if (lex_match_ci(&lex_privdrop_daemons, name) ||
		 (str_eq(name, "httpd") && apache_define(cmd)))
		/* nginx, httpd: its workers serve as its own user; -u names
		 * it for some (named -u bind, dnsmasq -u). */
		u = opt_value(cmd, "-u") ? opt_value(cmd, "-u") : "its own worker user";
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

/* Whether the script calls function name whenever it runs: outside
 * function bodies, under no if, case or loop (main "$@", change_user). */
static bool called_always(const struct sh_script *sh, const char *name)
{
	if (!name || !*name)
		return false;
	for (size_t i = 0; i < sh->ncmds; i++) {
		const struct sh_cmd *c = &sh->cmds[i];

		if (!c->function && !c->nest && !c->background && c->argc &&
		    str_eq(sh_cmd_name(c), name))
			return true;
	}
	return false;
}

bool sh_find_drop(const struct sh_script *sh, const char *text, const struct entry_script *sc,
		  struct sh_drop *out)
{
	const struct sh_cmd *last = sh_main_after(sh, 0);

	for (size_t i = 0; i < sh->ncmds; i++) {
		const struct sh_cmd *cmd = &sh->cmds[i];
		const char *u = sh_drop_user(cmd);
		bool exec = false, branch;
		size_t cond, head = i;

		/* A function's drop counts when the script always calls it
		 * (main "$@"); one only a branch calls is that branch's. */
		if (!u || cmd->background || (cmd->function && !called_always(sh, cmd->function)))
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
			*out = (struct sh_drop){ cmd, u, sc, text, false, 0 };
			return true;
		}
		if (!out->cmd && sc)
			*out = (struct sh_drop){ cmd, u, sc, text, true, cond };
	}
	return false;
}

const char *sh_cond_text(struct arena *a, const char *text, size_t off)
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

bool sh_text_execs_drop(const char *text, size_t len)
{
	static const char *const tools[] = { "gosu", "su-exec", "setpriv", "s6-setuidgid",
					     "runuser", "chpst", NULL };
	bool tool = false;

	for (size_t i = 0; tools[i] && !tool; i++) {
		size_t n = strlen(tools[i]);

		for (const char *p = text; p && (p = memmem(p, len - (size_t)(p - text), tools[i], n));
		     p += n) {
			char before = p > text ? p[-1] : 0, after = (size_t)(p - text) + n < len ? p[n] : 0;

			/* "gosu", '/usr/sbin/gosu' */
			if ((before == '"' || before == '\'' || before == '/') &&
			    (after == '"' || after == '\'')) {
				tool = true;
				break;
			}
		}
	}
	return tool && (memmem(text, len, "execv", 5) || memmem(text, len, "exec(", 5) ||
			memmem(text, len, "execFileSync", 12));
}
