/* SW0701: A process supervisor is the main process. */
#include "checks/check.h"

#include <string.h>

#include "checks/dockerfile/helpers.h"
#include "input/compose/project.h"
#include "input/image/image.h"
#include "lexicon/lexicon.h"
#include "util/path.h"
#include "util/str.h"
#include "util/strbuf.h"

static bool in_list(const char *const *list, const char *s)
{
	for (; *list; list++)
		if (str_eq(*list, s))
			return true;
	return false;
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
	return strstr(base, "ecosystem") || str_ends_with(base, ".json") || str_ends_with(base, ".yml") ||
	       str_ends_with(base, ".yaml") || str_ends_with(base, ".config.js") ||
	       str_ends_with(base, ".config.cjs") || str_ends_with(base, ".config.mjs");
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

/* The programs a supervisord of the stage runs that are services of their
 * own (a log forwarder or a health probe beside one is none): "nginx,
 * php-fpm and 2 more"; "" when its config names one service or none,
 * NULL when no config was read. */
static const char *supervisord_services(struct rule_ctx *c, const struct sh_cmd *cmd)
{
	struct sv_program *v;
	struct strbuf names = STRBUF_INIT;
	size_t n = supervisord_programs(c, cmd, &v), ns = 0;
	const char *r;

	if (!n)
		return NULL;
	for (size_t i = 0; i < n; i++) {
		if (v[i].helper)
			continue;
		if (ns++ < 4)
			strbuf_addf(&names, "%s%s", names.len ? ", " : "", v[i].name);
	}
	if (ns <= 1) {
		strbuf_release(&names);
		return "";
	}
	r = arena_printf(c->a, "%s%s", names.buf,
			 ns > 4 ? arena_printf(c->a, " and %zu more", ns - 4) : "");
	strbuf_release(&names);
	return r;
}

/* Whether a COPY/ADD of the stage's chain can put files in s6-overlay's
 * service folders (COPY root/ / does): a cheap test before reading the
 * context, which most stages with no ENTRYPOINT never need. */
static bool copies_into_s6(struct rule_ctx *c)
{
	return entry_reaches(c->entry, "/etc/s6-overlay") ||
	       entry_reaches(c->entry, "/etc/services.d");
}

/* The services s6-overlay starts that the image adds: the longruns of
 * /etc/s6-overlay/s6-rc.d (v3; those of the user bundle when the
 * repository or a RUN touch says which), the folders of /etc/services.d
 * (v2). "svc-web, svc-workers", or NULL when there are none. */
static const char *s6_services(struct rule_ctx *c, size_t *count)
{
	static const char *const rc = "/etc/s6-overlay/s6-rc.d";
	const struct m_stage *chain[64];
	struct strbuf sb = STRBUF_INIT;
	const char **v3, **v2, **on, *text, *r = NULL;
	size_t n3, n2, non, n = 0, len, nchain;
	const char **touched = NULL;
	size_t ntouched = 0, cap = 0;

	*count = 0;
	if (!c->entry || !copies_into_s6(c))
		return NULL;
	v3 = entry_list(c->a, c->entry, rc, &n3);
	v2 = entry_list(c->a, c->entry, "/etc/services.d", &n2);
	on = entry_list(c->a, c->entry, arena_printf(c->a, "%s/user/contents.d", rc), &non);
	/* RUN touch .../s6-rc.d/user/contents.d/svc-web enables one (an
	 * image has the file already). */
	nchain = c->stage ? stage_chain(c->stage, chain, 64) : 0;
	for (size_t k = 0; k < nchain; k++)
		for (size_t i = 1; i < chain[k]->ninstrs; i++) {
			const struct m_instr *in = &chain[k]->instrs[i];

			for (size_t j = 0; in->kind == K_RUN && j < in->sh.ncmds; j++) {
				const struct sh_cmd *cmd = &in->sh.cmds[j];

				for (size_t w = 1; str_eq(sh_cmd_name(cmd), "touch") && w < cmd->argc; w++)
					if (strstr(cmd->argv[w].text, "/user/contents.d/"))
						*ARENA_PUSH(c->a, touched, ntouched, cap) =
							path_base(c->a, cmd->argv[w].text);
			}
		}
	for (size_t i = 0; i < n3; i++) {
		bool enabled = !non && !ntouched;

		for (size_t k = 0; k < non && !enabled; k++)
			enabled = str_eq(on[k], v3[i]);
		for (size_t k = 0; k < ntouched && !enabled; k++)
			enabled = str_eq(touched[k], v3[i]);
		if (!enabled || !(text = entry_read(c->a, c->entry,
						    arena_printf(c->a, "%s/%s/type", rc, v3[i]), &len)) ||
		    strncmp(text, "longrun", 7))
			continue;
		if (n++ < 4)
			strbuf_addf(&sb, "%s%s", sb.len ? ", " : "", v3[i]);
	}
	for (size_t i = 0; i < n2; i++) {
		if (!entry_read(c->a, c->entry, arena_printf(c->a, "/etc/services.d/%s/run", v2[i]),
				&len))
			continue;
		if (n++ < 4)
			strbuf_addf(&sb, "%s%s", sb.len ? ", " : "", v2[i]);
	}
	if (n)
		r = arena_printf(c->a, "%s%s", sb.buf,
				 n > 4 ? arena_printf(c->a, " and %zu more", n - 4) : "");
	strbuf_release(&sb);
	*count = n;
	return r;
}

/* The message saying why the command is a process supervisor; NULL if it
 * isn't one. */
static const char *supervisor_of(struct rule_ctx *c, const struct sh_cmd *cmd)
{
	const char *name = sh_cmd_name(cmd), *sub;

	if (!cmd->argc)
		return NULL;
	if (str_eq(name, "supervisord") && (sub = supervisord_services(c, cmd)))
		return *sub ? arena_printf(c->a, "the container's main process is supervisord, a "
					   "process supervisor, running %s", sub) : NULL;
	if (lex_has(&lex_supervisors, name))
		return arena_printf(c->a, "the container's main process is %s, a process "
				    "supervisor", name);
	if (str_eq(name, "concurrently")) {
		size_t n = 0;

		static const char *const value_opts[] = {
			"-n", "--names", "-c", "--prefix-colors", "-p", "--prefix", "-s",
			"--success", "-m", "--max-processes", "--restart-tries", "--restart-after",
			"--default-input-target", "-t", "--timestamp-format", "-l",
			"--prefix-length", "--name-separator", NULL
		};

		for (size_t i = 1; i < cmd->argc; i++) {
			if (cmd->argv[i].text[0] != '-')
				n++;
			else if (in_list(value_opts, cmd->argv[i].text))
				i++;
		}
		if (n >= 2)
			return arena_printf(c->a, "the container's main process is concurrently, "
					    "running %zu commands side by side, a process supervisor",
					    n);
	}
	if (str_eq(cmd->argv[0].text, "/init")) {
		size_t nsvc;
		const char *svc = s6_services(c, &nsvc);

		/* s6 as the init of one service, like tini */
		if (nsvc == 1)
			return NULL;
		if (svc)
			return arena_printf(c->a, "the container's main process is s6-overlay's "
					    "/init, a process supervisor, running %s", svc);
		return "the container's main process is s6-overlay's /init, a process supervisor";
	}
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

/* Reports the first supervisor among the commands of sh. */
static bool report_supervisor(struct rule_ctx *c, const struct cmd_source *src,
			      const struct sh_script *sh)
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
		/* A compose command: alone is the arguments of the image's
		 * ENTRYPOINT, which may be a program with an init subcommand. */
		if (src->sv && !src->sv->entrypoint.n && cmd->argc &&
		    str_eq(cmd->argv[0].text, "init"))
			continue;
		if (!(what = supervisor_of(c, cmd)) ||
		    (src->sc && entry_script_defines(src->sc, sh_cmd_name(cmd))))
			continue;
		f = report_source(c, src, cmd, what);
		if (!strncmp(sh_cmd_name(cmd), "pm2", 3))
			f->fix = "Run one app per container (pm2-runtime app.js, or node directly) "
				 "and scale it with the orchestrator";
		return true;
	}
	/* Two init scripts started one after the other: the shell is the
	 * supervisor, and a poor one. */
	if (nsvc >= 2) {
		f = report_source(c, src, svc[0],
			   arena_printf(c->a, "%s starts %zu services through init scripts "
					"(%s, %s%s), acting as a process supervisor",
					src->sc ? "the script" : "the main command", nsvc,
					cmd_service_start(svc[0]), cmd_service_start(svc[1]),
					nsvc > 2 ? ", ..." : ""));
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

/* Whether the stage's name or its Dockerfile's path says it bundles its
 * services on purpose (target aio, docker/multi-process/Dockerfile): the
 * maintainers chose it, and the finding would tell them nothing. */
static bool declared_bundle(const struct rule_ctx *c)
{
	const char *path = c->df->path, *root = c->df->root;
	size_t n = root ? strlen(root) : 0;

	/* below the folder checked: the clone's own name (nextcloud's
	 * all-in-one) names a whole product, not this image */
	if (n && strcmp(root, ".") && !strncmp(path, root, n) && path[n] == '/')
		path += n + 1;
	for (const char *const *w = lex_bundle_words.words; *w; w++)
		if ((c->stage->name && str_has_word(c->stage->name, *w)) || str_has_word(path, *w))
			return true;
	return false;
}

static void check_stage(struct rule_ctx *c)
{
	struct main_process mp;

	main_process(c->a, c->stage, &mp);
	if (report_supervisor(c, &(struct cmd_source){ .mp = &mp }, &mp.sh))
		return;
	if (mp.cmd_apart &&
	    report_supervisor(c, &(struct cmd_source){ .mp = &mp, .cmd_only = true }, &mp.cmd->sh))
		return;
	/* The entry scripts: the first supervisor they start. */
	for (size_t k = 0; c->entry && k < c->entry->n; k++)
		if (report_supervisor(c, &(struct cmd_source){ .mp = &mp, .sc = &c->entry->scripts[k] },
				      &c->entry->scripts[k].sh))
			return;
	/* No ENTRYPOINT of its own, and s6-overlay services added: the base
	 * image's /init (LinuxServer images and the like) runs them. */
	if (!mp.ep) {
		const struct m_instr *ep, *cmd;
		const char *svc;
		size_t nsvc;

		m_stage_main_process(c->stage, &ep, &cmd);
		if (!ep && (svc = s6_services(c, &nsvc)) && nsvc > 1)
			rule_report(c, &c->stage->instrs[0], "the base image's s6-overlay /init is "
				    "the container's main process, a process supervisor, running %s",
				    svc);
	}
}

static void check(struct rule_ctx *c)
{
	size_t before = c->report->nfindings;

	check_stage(c);
	/* asked only of a stage that has a supervisor: names are long */
	if (c->report->nfindings > before && declared_bundle(c))
		c->report->nfindings = before;
}

/* A compose service whose own entrypoint: or command: starts a
 * supervisor (what its image runs is the stage check's). */
static void supervisor_of_service(struct rule_ctx *c, const struct cmd_source *src,
				  const struct sh_script *sh)
{
	report_supervisor(c, src, sh);
}

static void check_compose(struct rule_ctx *c)
{
	each_service_process(c, supervisor_of_service);
}

/* An image: the first supervisor the scripts of the image its config
 * runs start (SW0771; the config's own words are the runtime check's,
 * checks/runtime/service_manager.c). */
static void check_image(struct rule_ctx *c)
{
	for (size_t k = 0; c->entry && k < c->entry->n; k++)
		if (report_supervisor(c, &(struct cmd_source){ .sc = &c->entry->scripts[k] },
				      &c->entry->scripts[k].sh))
			return;
}

const struct check check_supervisor = {
	.rule = &SW0701,
	.stage = check,
	.compose = check_compose,
	.image = check_image,
	.image_rule = &SW0771,
};
