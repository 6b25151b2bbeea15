/* SW0702: A daemon is started in the background beside the main process. */
#include "checks/check.h"

#include <ctype.h>
#include <stdio.h>
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

/* Background jobs that are not services: a sleep, a log tail. */
static bool harmless_job(const struct sh_cmd *cmd)
{
	static const char *const names[] = { "sleep", "tail", "cat", "tee", "wait", NULL };

	return cmd_trivial(cmd) || in_list(names, sh_cmd_name(cmd));
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

/* Whether the command c names the daemon d: its program, or an argument
 * of d (`docker-entrypoint.sh postgres &` is a postgres). */
static bool names_daemon(const struct sh_cmd *d, const char *name)
{
	if (str_eq(sh_cmd_name(d), name))
		return true;
	for (size_t i = 1; i < d->argc; i++)
		if (str_eq(d->argv[i].text, name))
			return true;
	return false;
}

/* A server started only for a while: the script stops it later (a
 * database started to run migrations, then shut down). */
static bool stopped_later(const struct sh_script *sh, size_t from, const struct sh_cmd *d,
			  bool background)
{
	static const char *const postgres[] = { "postgres", "pg_ctl", "pg_ctlcluster", NULL };
	static const char *const mysql[] = { "mysqld", "mariadbd", "mysqld_safe", NULL };

	char pidbuf[64];
	const char *pidvar = NULL, *hit;

	/* PID=$! right after the job names its process. */
	if (from < sh->ncmds && !sh->cmds[from].argc && sh->cmds[from].nassigns) {
		const char *as = sh->cmds[from].assigns[0].text, *eq = strchr(as, '=');

		if (eq && str_eq(eq + 1, "$!") && (size_t)(eq - as) < sizeof(pidbuf)) {
			snprintf(pidbuf, sizeof(pidbuf), "%.*s", (int)(eq - as), as);
			pidvar = pidbuf;
		}
	}
	for (size_t i = from; i < sh->ncmds; i++) {
		const struct sh_cmd *k = &sh->cmds[i];
		const char *kn = sh_cmd_name(k), *target;

		/* kill -0 only asks whether it still runs; kill 1 ends the
		 * container. kill $! (or the variable that took $! after the
		 * job, or %1) stops a job put in the background. */
		if (str_eq(kn, "kill")) {
			if (arg_at(k, "-0") || arg_at(k, "1"))
				continue;
			for (size_t a = 1; background && a < k->argc; a++) {
				const char *t = k->argv[a].text;

				if (t[0] == '%' || strstr(t, "$!") ||
				    (pidvar && (hit = strstr(t, pidvar)) && hit > t &&
				     (hit[-1] == '$' || (hit[-1] == '{' && hit - t >= 2 && hit[-2] == '$')) &&
				     !isalnum((unsigned char)hit[strlen(pidvar)]) &&
				     hit[strlen(pidvar)] != '_'))
					return true;
			}
			continue;
		}
		if ((str_eq(kn, "pkill") || str_eq(kn, "killall")) &&
		    (target = sh_cmd_subcommand(k)) && names_daemon(d, target))
			return true;
		if (!(arg_at(k, "stop") || arg_at(k, "shutdown") || arg_at(k, "quit")))
			continue;
		if (str_eq(kn, sh_cmd_name(d)))
			return true;	/* pg_ctl start ... pg_ctl stop, nginx -s stop */
		if (str_eq(kn, "pg_ctl") || str_eq(kn, "pg_ctlcluster")) {
			for (size_t p = 0; postgres[p]; p++)
				if (names_daemon(d, postgres[p]))
					return true;
		} else if (str_eq(kn, "mysqladmin")) {
			for (size_t p = 0; mysql[p]; p++)
				if (names_daemon(d, mysql[p]))
					return true;
		} else if (str_eq(kn, "service") || str_eq(kn, "rc-service")) {
			const char *svc = sh_cmd_subcommand(k);

			if (svc && names_daemon(d, svc))
				return true;
		}
	}
	return false;
}

/* Whether the script, after its background jobs, ends the container when
 * one of them dies: `wait -n` (bash returns when the first job ends, and
 * the script goes on to exit: Docker's own multi-service example), or a
 * loop of `kill -0 PID` checks that kills PID 1 or exits. Docker's restart
 * policy then sees the failure, which is what one service per container
 * is for. */
static bool watched(const struct sh_script *sh, size_t from)
{
	bool polls = false;

	for (size_t i = from; i < sh->ncmds; i++) {
		const struct sh_cmd *k = &sh->cmds[i];
		const char *kn = sh_cmd_name(k);

		if (str_eq(kn, "wait") && arg_at(k, "-n") == 1)
			return true;
		if (str_eq(kn, "kill") && k->nest && arg_at(k, "-0")) {
			polls = true;
			continue;
		}
		if (polls && k->nest && ((str_eq(kn, "kill") && k->argc >= 2 &&
					  str_eq(k->argv[k->argc - 1].text, "1")) ||
					 str_eq(kn, "exit")))
			return true;
	}
	return false;
}

/* Reports the daemons among the commands of sh. */
/* Whether text[0..n) tests a variable that the stage leaves unset or
 * empty: ([ -z "$CRON_MIN" ] || crond), if [ -n "$WITH_NGINX" ]; then
 * ... fi: a daemon only the deployment turns on. */
static bool tests_unset_var(const struct rule_ctx *c, const char *t, size_t n)
{
	for (size_t i = 0; i + 1 < n; i++) {
		size_t k = i + 1, e;

		if (t[i] != '$')
			continue;
		if (t[k] == '{')
			k++;
		for (e = k; e < n && (isalnum((unsigned char)t[e]) || t[e] == '_'); e++)
			;
		if (e > k && !isdigit((unsigned char)t[k])) {
			/* what the image's environment holds: an ENV, not an ARG */
			const struct m_var *v = c->stage && c->stage->ninstrs ?
				m_lookup(&c->stage->instrs[c->stage->ninstrs - 1],
					 arena_printf(c->a, "%.*s", (int)(e - k), t + k)) : NULL;

			if (!v || v->is_arg || !*v->value)
				return true;
		}
	}
	return false;
}

/* Whether the daemon at sh->cmds[i] starts only when a variable the image
 * leaves unset says so: after `[ ... ] &&` or `||`, or inside an if. */
static bool opt_in(const struct rule_ctx *c, const struct cmd_source *src,
		   const struct sh_script *sh, size_t i)
{
	const struct sh_cmd *head = &sh->cmds[i];

	if (i > 0 && (sh->cmds[i - 1].sep == SH_SEP_AND || sh->cmds[i - 1].sep == SH_SEP_OR)) {
		const struct sh_cmd *t = &sh->cmds[i - 1];
		const char *name = sh_cmd_name(t);

		if (str_eq(name, "[") || str_eq(name, "[[") || str_eq(name, "test"))
			for (size_t k = 1; k < t->argc; k++)
				if (tests_unset_var(c, t->argv[k].text, strlen(t->argv[k].text)))
					return true;
	}
	if (head->nest && src->sc && src->sc->text) {
		const char *t = src->sc->text + head->nest_off;

		return tests_unset_var(c, t, strcspn(t, "\n"));
	}
	return false;
}

/* Whether sh->cmds[i..e] is the only job the script puts in the
 * background. */
static bool last_job(const struct sh_script *sh, size_t i, size_t e)
{
	for (size_t k = 0; k < sh->ncmds; k++)
		if ((k < i || k > e) && sh->cmds[k].background)
			return false;
	return true;
}

/* Whether cmd's innermost construct is an if (not a loop or a case). */
static bool in_if(const struct cmd_source *src, const struct sh_cmd *cmd)
{
	const char *t;

	if (!cmd->nest || !src->sc || !src->sc->text)
		return false;
	t = src->sc->text + cmd->nest_off;
	return (!strncmp(t, "if", 2) || !strncmp(t, "elif", 4)) && !isalnum((unsigned char)t[t[0] == 'e' ? 4 : 2]);
}

static void check_sh(struct rule_ctx *c, const struct cmd_source *src, const struct sh_script *sh)
{
	size_t nsvc = 0, nsaid = 0;
	const char *said[16];
	size_t said_if[16];	/* 1 + offset of the if it is in, or 0 */

	for (size_t i = 0; i < sh->ncmds; i++)
		if (cmd_service_start(&sh->cmds[i]))
			nsvc++;
	for (size_t i = 0; i < sh->ncmds; i++) {
		size_t e = sh_group_end(sh, i);
		struct sh_cmd real = unsetsid(&sh->cmds[e]);
		const struct sh_cmd *head = &sh->cmds[i], *d = &real, *m;
		const char *svc = cmd_service_start(d), *how = NULL, *beside, *main_name;
		bool bg = head->background || d->background;
		struct finding *f;

		i = e;
		/* What it is first: scripts run hundreds of commands, and what
		 * comes after one is looked at only for a daemon. */
		if (bg ? harmless_job(d) : svc ? nsvc >= 2 : !daemonizes(c, d, &how))
			continue;	/* two or more init scripts: SW0701 reports the chain */
		if (src->sc && entry_script_defines(src->sc, sh_cmd_name(d)))
			continue;	/* a function of the script */
		if (opt_in(c, src, sh, (size_t)(head - sh->cmds)))
			continue;	/* turned on by the deployment only */
		if (!(m = sh_main_after(sh, e + 1)) || stopped_later(sh, e + 1, d, bg) ||
		    (bg && watched(sh, e + 1)))
			continue;
		/* mongod & ...; wait: the shell waits on the one service it
		 * started, which is the container's (SW0003's signals aside) */
		if (bg && sh->ncmds && str_eq(sh_cmd_name(&sh->cmds[sh->ncmds - 1]), "wait") &&
		    sh->cmds[sh->ncmds - 1].argc == 1 && !sh->cmds[sh->ncmds - 1].nest &&
		    last_job(sh, (size_t)(head - sh->cmds), e))
			continue;
		/* if/else branches that start one daemon two ways (by name, or
		 * through a wrapper in one branch): one finding */
		{
			bool seen = false;

			for (size_t k = 0; k < nsaid && !seen; k++)
				seen = str_eq(said[k], sh_cmd_name(d)) ||
				       (head->nest && said_if[k] == head->nest_off + 1);
			if (seen)
				continue;
			if (nsaid < sizeof(said) / sizeof(said[0])) {
				said_if[nsaid] = in_if(src, head) ? head->nest_off + 1 : 0;
				said[nsaid++] = sh_cmd_name(d);
			}
		}
		/* exec "$@", or a script that sleeps in a loop watching its jobs */
		main_name = m->argv[0].has_subst || harmless_job(m) ? NULL : sh_cmd_name(m);
		beside = main_name ? arena_printf(c->a, "the main process %s", main_name) :
				     "the main process";
		if (bg)
			f = report_source(c, src, d, arena_printf(c->a, "%s is started in the background "
							   "(&) beside %s", sh_cmd_name(d), beside));
		else if (svc)
			f = report_source(c, src, d, arena_printf(c->a, "%s is started as a service "
							   "(%s%s%s start) beside %s", svc,
							   d->argv[0].text, d->argc > 2 ? " " : "",
							   d->argc > 2 ? svc : "", beside));
		else
			f = report_source(c, src, d, arena_printf(c->a, "%s %s and keeps running beside %s",
							   sh_cmd_name(d), how, beside));
		f->fix = arena_printf(c->a,
				      "Run %s in a container of its own, in the foreground, and keep "
				      "%s as this container's only process",
				      svc ? svc : sh_cmd_name(d), main_name ? main_name : "the main process");
	}
}

static void check(struct rule_ctx *c)
{
	struct main_process mp;

	main_process(c->a, c->stage, &mp);
	check_sh(c, &(struct cmd_source){ .mp = &mp }, &mp.sh);
	if (mp.cmd_apart)
		check_sh(c, &(struct cmd_source){ .mp = &mp, .cmd_only = true }, &mp.cmd->sh);
	for (size_t k = 0; c->entry && k < c->entry->n; k++)
		check_sh(c, &(struct cmd_source){ .mp = &mp, .sc = &c->entry->scripts[k] },
			 &c->entry->scripts[k].sh);
}

/* A compose service whose own entrypoint: or command: starts daemons. */
static void check_compose(struct rule_ctx *c)
{
	each_service_process(c, check_sh);
}

/* An image: what its config runs, and the scripts of the image it runs
 * (SW0772). */
static void check_image(struct rule_ctx *c)
{
	each_image_process(c, check_sh);
}

const struct check check_background_daemon = {
	.rule = &SW0702,
	.stage = check,
	.compose = check_compose,
	.image = check_image,
	.image_rule = &SW0772,
};
