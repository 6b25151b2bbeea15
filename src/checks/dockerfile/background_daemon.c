/* SW0702: A daemon is started in the background beside the main process. */
#include "checks/check.h"

#include <string.h>

#include "checks/dockerfile/helpers.h"
#include "lexicon/lexicon.h"
#include "util/str.h"

static bool in_list(const char *const *list, const char *s)
{
	for (; *list; list++)
		if (str_eq(*list, s))
			return true;
	return false;
}

/* Index of the argument equal to s, or 0. */
static size_t arg_at(const struct sh_cmd *cmd, const char *s)
{
	for (size_t i = 1; i < cmd->argc; i++)
		if (str_eq(cmd->argv[i].text, s))
			return i;
	return 0;
}

/* "-D FOREGROUND" as two words, or "-DFOREGROUND". */
static bool has_opt_value(const struct sh_cmd *cmd, const char *opt, const char *value)
{
	size_t ol = strlen(opt);

	for (size_t i = 1; i < cmd->argc; i++) {
		const char *t = cmd->argv[i].text;

		if (str_eq(t, opt) && i + 1 < cmd->argc && str_eq(cmd->argv[i + 1].text, value))
			return true;
		if (!strncmp(t, opt, ol) && str_eq(t + ol, value))
			return true;
	}
	return false;
}

/* nginx runs in the foreground only with `-g 'daemon off;'` (or with
 * daemon off in its config, which we can't see). */
static bool nginx_foreground(const struct sh_cmd *cmd)
{
	for (size_t i = 1; i + 1 < cmd->argc; i++)
		if (str_eq(cmd->argv[i].text, "-g") && strstr(cmd->argv[i + 1].text, "daemon off"))
			return true;
	return false;
}

/*
 * Whether the command starts a server that detaches from the shell: by
 * default (nginx, cron, sshd...) unless told to stay in the foreground, or
 * because a flag says so (redis-server --daemonize yes, php-fpm -D). *how
 * gets the reason for the message.
 */
static bool daemonizes(struct rule_ctx *c, const struct sh_cmd *cmd, const char **how)
{
	const char *name = sh_cmd_name(cmd), *sub = sh_cmd_subcommand(cmd);
	const struct lex_daemon *d;
	size_t k;

	*how = "daemonizes by default";
	if ((k = arg_at(cmd, "--daemonize")) && k + 1 < cmd->argc &&
	    str_eq(cmd->argv[k + 1].text, "yes")) {
		*how = "is daemonized (--daemonize yes)";
		return true;
	}
	if (arg_at(cmd, "--daemonize=yes")) {
		*how = "is daemonized (--daemonize=yes)";
		return true;
	}
	if (!(d = lex_daemon(name)))
		return false;
	if (d->foreground) {
		for (const char *const *o = d->foreground; *o; o++)
			if (sh_cmd_has_opt(cmd, *o))
				return false;
		return true;
	}
	if (d->daemonize) {
		*how = d->how;
		for (const char *const *o = d->daemonize; *o; o++)
			if ((*o)[1] == '-' ? sh_cmd_has_opt(cmd, *o) : arg_at(cmd, *o) != 0)
				return true;
		return false;
	}
	/* The custom ones: */
	if (str_eq(name, "nginx")) {
		static const char *const no_start[] = { "-t", "-T", "-v", "-V", "-h", "-?", "-s", NULL };

		for (size_t i = 1; i < cmd->argc; i++)
			if (in_list(no_start, cmd->argv[i].text))
				return false;
		*how = "daemonizes (no -g 'daemon off;')";
		return !nginx_foreground(cmd);
	}
	if (str_eq(name, "httpd") || str_eq(name, "apache2")) {
		if (has_opt_value(cmd, "-D", "FOREGROUND") || arg_at(cmd, "-X"))
			return false;
		if ((k = arg_at(cmd, "-k")))
			return k + 1 < cmd->argc && (str_eq(cmd->argv[k + 1].text, "start") ||
						     str_eq(cmd->argv[k + 1].text, "restart") ||
						     str_eq(cmd->argv[k + 1].text, "graceful"));
		/* -t, -v, -M...: a query, not a server. */
		for (size_t i = 1; i < cmd->argc; i++) {
			const char *t = cmd->argv[i].text;

			if (t[0] == '-' && strchr("tvVlLMSh", t[1]) && !t[2])
				return false;
		}
		return true;
	}
	if (str_eq(name, "apachectl") || str_eq(name, "apache2ctl")) {
		if (has_opt_value(cmd, "-D", "FOREGROUND"))
			return false;
		/* apachectl [-k] start|restart|graceful */
		return sub && (str_eq(sub, "start") || str_eq(sub, "restart") ||
			       str_eq(sub, "graceful"));
	}
	if (str_eq(name, "dbus-daemon")) {
		*how = "forks into the background";
		return sh_cmd_has_opt(cmd, "--fork") ||
		       (sh_cmd_has_opt(cmd, "--system") && !sh_cmd_has_opt(cmd, "--nofork"));
	}
	if ((str_eq(name, "pg_ctl") || str_eq(name, "pg_ctlcluster") ||
	     str_eq(name, "postfix")) && arg_at(cmd, "start")) {
		*how = arena_printf(c->a, "is started in the background (%s start)", name);
		return true;
	}
	return false;
}

/* Commands that are neither a daemon nor a main process worth naming. */
static bool trivial(const struct sh_cmd *cmd)
{
	static const char *const names[] = {
		"wait", "true", "false", ":", "echo", "printf", "exit", "set", "export",
		"cd", "trap", "unset", "umask", "ulimit", "[", "test", "[[", NULL
	};

	return !cmd->argc || in_list(names, sh_cmd_name(cmd));
}

/* Background jobs that are not services: a sleep, a log tail. */
static bool harmless_job(const struct sh_cmd *cmd)
{
	static const char *const names[] = { "sleep", "tail", "cat", "tee", "wait", NULL };

	return trivial(cmd) || in_list(names, sh_cmd_name(cmd));
}

/* Whether n is the command the wrapper w runs: the shell parser emits it
 * right after w, with argv pointing into w's argv. */
static bool wraps(const struct sh_cmd *w, const struct sh_cmd *n)
{
	for (size_t k = 1; k < w->argc; k++)
		if (n->argv == w->argv + k)
			return true;
	return false;
}

/* The last command of the group starting at i: wrapped commands (nohup x,
 * exec x, gosu u x) follow their wrapper. */
static size_t group_end(const struct sh_script *sh, size_t i)
{
	while (i + 1 < sh->ncmds && wraps(&sh->cmds[i], &sh->cmds[i + 1]))
		i++;
	return i;
}

/* The innermost command of the last meaningful group after index from, or
 * NULL when nothing meaningful runs after it. */
static const struct sh_cmd *main_after(const struct sh_script *sh, size_t from)
{
	const struct sh_cmd *m = NULL;

	for (size_t i = from; i < sh->ncmds; i++) {
		size_t e = group_end(sh, i);

		if (!trivial(&sh->cmds[e]))
			m = &sh->cmds[e];
		i = e;
	}
	return m;
}

/* setsid isn't one of the shell parser's wrappers: look through it here. */
static struct sh_cmd unsetsid(const struct sh_cmd *cmd)
{
	struct sh_cmd r = *cmd;
	size_t k = 1;

	if (strcmp(sh_cmd_name(cmd), "setsid"))
		return r;
	while (k < cmd->argc && cmd->argv[k].text[0] == '-')
		k++;
	if (k < cmd->argc) {
		r.argv += k;
		r.argc -= k;
	}
	return r;
}

/* Reports the daemons among the commands of sh: mp's own, or (cmd_only)
 * those of its CMD alone. */
static void check_sh(struct rule_ctx *c, const struct main_process *mp,
		     const struct sh_script *sh, bool cmd_only)
{
	size_t nsvc = 0;

	for (size_t i = 0; i < sh->ncmds; i++)
		if (cmd_service_start(&sh->cmds[i]))
			nsvc++;
	for (size_t i = 0; i < sh->ncmds; i++) {
		size_t e = group_end(sh, i);
		struct sh_cmd real = unsetsid(&sh->cmds[e]);
		const struct sh_cmd *head = &sh->cmds[i], *d = &real, *m;
		const char *svc = cmd_service_start(d), *how;
		const struct m_instr *in = cmd_only ? mp->cmd : main_process_owner(mp, d);
		const char *beside;
		struct finding *f;

		i = e;
		if (!(m = main_after(sh, e + 1)))
			continue;
		/* exec "$@": the main process is whatever the CMD says. */
		beside = m->argv[0].has_subst ? "the main process" :
		       arena_printf(c->a, "the main process %s", sh_cmd_name(m));
		if (head->background || d->background) {
			if (harmless_job(d))
				continue;
			f = rule_report(c, in, "%s is started in the background (&) beside %s",
					sh_cmd_name(d), beside);
		} else if (svc) {
			/* Two or more init scripts: SW0701 reports the chain. */
			if (nsvc >= 2)
				continue;
			f = rule_report(c, in, "%s is started as a service (%s%s%s start) beside %s",
					svc, d->argv[0].text, d->argc > 2 ? " " : "",
					d->argc > 2 ? svc : "", beside);
		} else if (daemonizes(c, d, &how)) {
			f = rule_report(c, in, "%s %s and keeps running beside %s",
					sh_cmd_name(d), how, beside);
		} else {
			continue;
		}
		f->fix = arena_printf(c->a,
				      "Run %s in a container of its own, in the foreground, and keep "
				      "%s as this container's only process",
				      svc ? svc : sh_cmd_name(d),
				      m->argv[0].has_subst ? "the main process" : sh_cmd_name(m));
	}
}

static void check(struct rule_ctx *c)
{
	struct main_process mp;

	main_process(c->a, c->stage, &mp);
	check_sh(c, &mp, &mp.sh, false);
	if (mp.cmd_apart)
		check_sh(c, &mp, &mp.cmd->sh, true);
}

const struct check check_background_daemon = {
	.rule = &SW0702,
	.stage = check,
};
