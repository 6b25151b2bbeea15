/* SW0701: A process supervisor is the main process. */
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

static bool ends_with(const char *s, const char *suffix)
{
	size_t n = strlen(s), m = strlen(suffix);

	return n >= m && str_eq(s + n - m, suffix);
}

/* pm2 options that take a value (pm2 start --help). */
static const char *const pm2_value_opts[] = {
	"-i", "--instances", "-n", "--name", "--env", "--node-args", "--interpreter",
	"--interpreter-args", "-o", "--output", "-e", "--error", "-l", "--log",
	"--max-memory-restart", "--cwd", "--only", "--namespace", "--log-date-format",
	"-c", "--cron", "--cron-restart", "--restart-delay", "--kill-timeout",
	"--listen-timeout", "--ignore-watch", "--max-restarts", "--uid", "--gid",
	"-p", "--pid", "--exp-backoff-restart-delay", "--public", "--secret",
	"--machine-name", NULL
};

static bool is_ecosystem(const char *arg)
{
	const char *base = strrchr(arg, '/');

	base = base ? base + 1 : arg;
	return strstr(base, "ecosystem") || ends_with(base, ".json") || ends_with(base, ".yml") ||
	       ends_with(base, ".yaml") || ends_with(base, ".config.js") ||
	       ends_with(base, ".config.cjs") || ends_with(base, ".config.mjs");
}

/*
 * pm2 in the foreground (pm2-runtime, pm2 --no-daemon) is one process
 * manager for one app, which is fine; with an ecosystem file or several
 * apps it supervises several processes. `pm2 start` daemonizes pm2's
 * manager, so the container's main process is whatever keeps it alive.
 */
static const char *pm2_of(struct rule_ctx *c, const struct sh_cmd *cmd)
{
	const char *name = sh_cmd_name(cmd), *sub = sh_cmd_subcommand(cmd);
	const char *apps[2] = { NULL, NULL }, *eco = NULL;
	size_t napps = 0;
	bool seen_sub = false;

	if (str_eq(name, "pm2") && !sh_cmd_has_opt(cmd, "--no-daemon")) {
		if (sub && (str_eq(sub, "start") || str_eq(sub, "resurrect")))
			return arena_printf(c->a, "pm2 %s runs the apps under pm2's process "
					    "manager as a daemon, a process supervisor", sub);
		return NULL;
	}
	if (strcmp(name, "pm2-runtime") && strcmp(name, "pm2"))
		return NULL;
	for (size_t i = 1; i < cmd->argc; i++) {
		const char *t = cmd->argv[i].text;

		if (str_eq(t, "--"))
			break;	/* arguments of the app */
		if (t[0] == '-') {
			if (!strchr(t, '=') && in_list(pm2_value_opts, t))
				i++;
			continue;
		}
		if (!seen_sub) {
			seen_sub = true;
			if (str_eq(t, "start"))
				continue;
		}
		if (!eco && is_ecosystem(t))
			eco = t;
		if (napps < 2)
			apps[napps] = t;
		napps++;
	}
	if (eco)
		return arena_printf(c->a, "the container's main process is %s running the "
				    "ecosystem file %s, a process supervisor", name, eco);
	if (napps >= 2)
		return arena_printf(c->a, "the container's main process is %s running %zu apps "
				    "(%s, %s%s), a process supervisor", name, napps, apps[0],
				    apps[1], napps > 2 ? ", ..." : "");
	return NULL;
}

/* The message saying why the command is a process supervisor; NULL if it
 * isn't one. */
static const char *supervisor_of(struct rule_ctx *c, const struct sh_cmd *cmd)
{
	const char *name = sh_cmd_name(cmd), *sub;

	if (!cmd->argc)
		return NULL;
	if (lex_has(&lex_supervisors, name))
		return arena_printf(c->a, "the container's main process is %s, a process "
				    "supervisor", name);
	if (str_eq(cmd->argv[0].text, "/init"))
		return "the container's main process is s6-overlay's /init, a process supervisor";
	if (lex_has(&lex_init_paths, cmd->argv[0].text))
		return arena_printf(c->a, "the container's main process is %s, an init system "
				    "that supervises services", cmd->argv[0].text);
	sub = sh_cmd_subcommand(cmd);
	if ((lex_has(&lex_procfile_runners, name) && sub && str_eq(sub, "start")) ||
	    str_eq(name, "hivemind"))
		return arena_printf(c->a, "the container's main process is %s, which runs every "
				    "process of a Procfile", name);
	return pm2_of(c, cmd);
}

/* Reports the first supervisor among the commands of sh: mp's own, or
 * (cmd_only) those of its CMD alone. */
static bool report_supervisor(struct rule_ctx *c, const struct main_process *mp,
			      const struct sh_script *sh, bool cmd_only)
{
	const struct sh_cmd *svc[2] = { NULL, NULL };
	struct finding *f;
	size_t nsvc = 0;

	for (size_t i = 0; i < sh->ncmds; i++) {
		const struct sh_cmd *cmd = &sh->cmds[i];
		const char *what;

		/* Something put in the background is SW0702's business. */
		if (cmd->background)
			continue;
		if (cmd_service_start(cmd)) {
			if (nsvc < 2)
				svc[nsvc] = cmd;
			nsvc++;
			continue;
		}
		if (!(what = supervisor_of(c, cmd)))
			continue;
		f = rule_report(c, cmd_only ? mp->cmd : main_process_owner(mp, cmd), "%s",
				what);
		if (!strncmp(sh_cmd_name(cmd), "pm2", 3))
			f->fix = "Run one app per container (pm2-runtime app.js, or node directly) "
				 "and scale it with the orchestrator";
		return true;
	}
	/* Two init scripts started one after the other: the shell is the
	 * supervisor, and a poor one. */
	if (nsvc >= 2) {
		f = rule_report(c, cmd_only ? mp->cmd : main_process_owner(mp, svc[0]),
				"the main command starts %zu services through init scripts "
				"(%s, %s%s), acting as a process supervisor",
				nsvc, cmd_service_start(svc[0]), cmd_service_start(svc[1]),
				nsvc > 2 ? ", ..." : "");
		f->fix = arena_printf(c->a, "Give %s%s%s a container each, running in the "
				      "foreground, instead of starting them with init scripts",
				      cmd_service_start(svc[0]), nsvc > 2 ? ", " : " and ",
				      nsvc > 2 ? arena_printf(c->a, "%s and the others",
							      cmd_service_start(svc[1])) :
						 cmd_service_start(svc[1]));
		return true;
	}
	return false;
}

static void check(struct rule_ctx *c)
{
	struct main_process mp;

	main_process(c->a, c->stage, &mp);
	if (report_supervisor(c, &mp, &mp.sh, false))
		return;
	if (mp.cmd_apart)
		report_supervisor(c, &mp, &mp.cmd->sh, true);
}

const struct check check_supervisor = {
	.rule = &SW0701,
	.stage = check,
};
