/* SW1001: a service writes log files into a folder no volume is mounted on. */
#include "checks/compose/compose_util.h"

#include <ctype.h>
#include <string.h>
#include <strings.h>

#include "checks/dockerfile/helpers.h"
#include "util/path.h"
#include "lexicon/lexicon.h"
#include "spec/logs.h"
#include "util/str.h"

#define MAX_CHAIN 64
#define MAX_CANDS 32

struct cand {
	const char *dir;	/* normalized, absolute */
	const char *why;	/* "ENV LOG_DIR (Dockerfile:4)" */
	bool made;		/* only a mkdir says so */
};

struct scan {
	struct rule_ctx *c;
	const struct m_dockerfile *df;
	const struct m_stage *chain[MAX_CHAIN];
	size_t nchain;
	struct cand cands[MAX_CANDS];
	size_t ncands;
	const char *links[MAX_CANDS];	/* files linked to stdout/stderr */
	size_t nlinks;
	const struct spec *sp;		/* the service: its environment wins */
	bool forwarder;			/* the image installs a syslog daemon */
};

static void add(struct scan *sc, const char *dir, const char *why)
{
	if (sc->ncands == MAX_CANDS || str_eq(dir, "/"))
		return;
	for (size_t k = 0; k < sc->ncands; k++)
		if (path_within(dir, sc->cands[k].dir))
			return;
	sc->cands[sc->ncands].dir = dir;
	sc->cands[sc->ncands++].why = why;
}

static const char *where(struct scan *sc, const struct m_instr *in)
{
	return arena_printf(sc->c->a, "%s:%u", sc->df->path, in->node->start.line);
}

static void scan_vars(struct scan *sc, const struct m_instr *in)
{
	for (size_t k = 0; k < in->nvars; k++) {
		const struct m_var *v = &in->vars[k];
		const char *val = v->value;
		bool named = log_var_name(v->name, strlen(v->name));

		if (spec_env(sc->sp, v->name))
			continue;	/* the service's environment sets it */

		if (!val || val[0] != '/' || strpbrk(val, ": $") || log_std_stream(val))
			continue;
		if (!named && !log_path(val))
			continue;
		add(sc, log_folder_of(sc->c->a, path_resolve(sc->c->a, "/", val),
				  named && strstr(v->name, "DIR")),
		    arena_printf(sc->c->a, "%s %s at %s", v->is_arg ? "ARG" : "ENV", v->name,
				 where(sc, in)));
	}
}

/* Non-option arguments of c after argv[0]. */
static size_t operands(const struct sh_cmd *c, const char **out, size_t max)
{
	size_t n = 0;

	for (size_t k = 1; k < c->argc && n < max; k++)
		if (c->argv[k].text[0] != '-')
			out[n++] = c->argv[k].text;
	return n;
}

/* A syslog daemon's package (syslog-ng-core, rsyslog): the image sends its
 * services' logs through it, wherever their packages made a log folder. */
static void note_forwarder(void *ctx, const struct sh_word *pkg)
{
	struct scan *sc = ctx;

	sc->forwarder |= lex_match_ci(&lex_log_forwarder_packages, pkg->text);
}

static void scan_run(struct scan *sc, const struct m_instr *in, bool nginx_base)
{
	struct arena *a = sc->c->a;

	for (size_t i = 0; i < in->sh.ncmds; i++) {
		const struct sh_cmd *cmd = &in->sh.cmds[i];
		const char *name = sh_cmd_name(cmd), *ops[8];
		struct fs_cmd fc;
		size_t n;

		if (fs_cmd_parse(a, cmd, &fc) && str_eq(fc.name, "mkdir")) {
			for (size_t k = 0; k < fc.npaths; k++) {
				const char *p = path_resolve(a, run_cwd(a, in, i), fc.paths[k]->text);

				if (!fc.paths[k]->has_subst && log_path(p)) {
					size_t n0 = sc->ncands;

					add(sc, p, arena_printf(a, "mkdir at %s", where(sc, in)));
					if (sc->ncands > n0)
						sc->cands[n0].made = true;
				}
			}
		} else if (cmd_is_os_install(cmd)) {
			cmd_os_install_each_package(cmd, note_forwarder, sc);
		} else if (str_eq(name, "ln")) {
			/* ln -sf /dev/stdout /var/log/app/access.log: logs go to docker logs. */
			n = operands(cmd, ops, 8);
			if (n == 2 && log_std_stream(ops[0]) && sc->nlinks < MAX_CANDS)
				sc->links[sc->nlinks++] = path_resolve(a, run_cwd(a, in, i), ops[1]);
		} else if (nginx_base && (str_eq(name, "rm") || str_eq(name, "unlink"))) {
			/* The official image links its logs to stdout; removing the
			 * links makes nginx write files again. */
			n = operands(cmd, ops, 8);
			for (size_t k = 0; k < n; k++)
				if (path_within(path_resolve(a, run_cwd(a, in, i), ops[k]),
						"/var/log/nginx"))
					add(sc, "/var/log/nginx",
					    arena_printf(a, "the links to stdout removed at %s",
							 where(sc, in)));
		}
	}
}

/* Log-file options: --log-file X, --logfile=X, -log_dir X, --access-logfile X. */
static void scan_words(struct scan *sc, const char *const *w, size_t n, const char *cwd,
		       const char *from)
{
	const char *const *opts = lex_log_options.words;
	struct arena *a = sc->c->a;

	for (size_t k = 0; k < n; k++) {
		const char *o = w[k], *eq, *val;
		size_t ol;
		bool known = false;

		if (o[0] != '-')
			continue;
		o += o[1] == '-' ? 2 : 1;
		eq = strchr(o, '=');
		ol = eq ? (size_t)(eq - o) : strlen(o);
		for (size_t j = 0; opts[j]; j++)
			if (strlen(opts[j]) == ol && !strncmp(o, opts[j], ol))
				known = true;
		if (!known)
			continue;
		val = eq ? eq + 1 : k + 1 < n ? w[k + 1] : NULL;
		if (!val || !*val || log_std_stream(val) || strchr(val, '$') || val[0] == '-')
			continue;
		add(sc, log_folder_of(a, path_resolve(a, cwd, val), memmem(o, ol, "dir", 3) != NULL),
		    arena_printf(a, "%.*s in %s", (int)(o - w[k] + ol), w[k], from));
	}
}

/* Words of an instruction: exec-form argv, or every shell command's argv. */
static void scan_instr_words(struct scan *sc, const struct m_instr *in, const char *cwd)
{
	const char *from = arena_printf(sc->c->a, "%s at %s",
					in->kind == K_CMD ? "CMD" : "ENTRYPOINT", where(sc, in));

	if (in->exec_form && !in->script) {
		scan_words(sc, in->words, in->nwords, cwd, from);
		return;
	}
	for (size_t i = 0; i < in->sh.ncmds; i++) {
		const struct sh_cmd *c = &in->sh.cmds[i];
		const char **w = arena_alloc(sc->c->a, (c->argc + 1) * sizeof(*w));

		for (size_t k = 0; k < c->argc; k++)
			w[k] = c->argv[k].text;
		scan_words(sc, w, c->argc, cwd, from);
	}
}

/* command:/entrypoint: of the compose file: a list, or one shell string. */
static void scan_list(struct scan *sc, const struct c_service *s, const struct c_list *l,
		      const char *cwd, const char *key)
{
	struct arena *a = sc->c->a;
	const char **w;
	const char *from = arena_printf(a, "%s of service %s", key, s->name);

	if (l->n == 1 && l->v[0].s && strchr(l->v[0].s, ' ')) {
		struct sh_script sh;

		sh_parse(a, l->v[0].s, strlen(l->v[0].s), &sh);
		for (size_t i = 0; i < sh.ncmds; i++) {
			w = arena_alloc(a, (sh.cmds[i].argc + 1) * sizeof(*w));
			for (size_t k = 0; k < sh.cmds[i].argc; k++)
				w[k] = sh.cmds[i].argv[k].text;
			scan_words(sc, w, sh.cmds[i].argc, cwd, from);
		}
		return;
	}
	w = arena_alloc(a, (l->n + 1) * sizeof(*w));
	for (size_t k = 0; k < l->n; k++)
		w[k] = l->v[k].s ? l->v[k].s : "";
	scan_words(sc, w, l->n, cwd, from);
}

/* Images known to write log files (their official configuration). */
static const char *image_log_dir(const char *repo)
{
	static const struct {
		const char *repo, *dir;
	} images[] = {
		{ "tomcat", "/usr/local/tomcat/logs" },
		{ "jboss/wildfly", "/opt/jboss/wildfly/standalone/log" },
		{ "wildfly/wildfly", "/opt/jboss/wildfly/standalone/log" },
	};

	for (size_t k = 0; repo && k < sizeof(images) / sizeof(images[0]); k++)
		if (str_eq(repo, images[k].repo))
			return images[k].dir;
	return NULL;
}

/* Whether a VOLUME of the stage chain covers dir. */
static bool dockerfile_volume(struct scan *sc, const char *dir)
{
	for (size_t k = 0; k < sc->nchain; k++)
		for (size_t j = 0; j < sc->chain[k]->ninstrs; j++) {
			const struct m_instr *in = &sc->chain[k]->instrs[j];

			if (in->kind != K_VOLUME)
				continue;
			for (size_t w = 0; w < in->nwords; w++)
				if (path_within(dir, path_resolve(sc->c->a, "/", in->words[w])))
					return true;
		}
	return false;
}

static void check_service(struct rule_ctx *c, size_t i)
{
	const struct c_service *s = &c->project->services[i];
	const struct m_stage *st = cx_service_stage(c, i);
	const char *repo = cx_service_repo(c, i), *dir;
	const char *cwd = st && st->workdir ? st->workdir : "/";
	struct scan sc = { .c = c, .df = cx_service_df(c, i), .sp = c->specs[i] };

	/* The service's own environment first: it beats the Dockerfile's. */
	for (size_t k = 0; k < sc.sp->nenv; k++) {
		const struct sp_kv *kv = &sc.sp->env[k];
		const char *val = kv->value;
		bool named = log_var_name(kv->key, strlen(kv->key));

		if (!val || val[0] != '/' || strpbrk(val, ": $") || log_std_stream(val) ||
		    (!named && !log_path(val)))
			continue;
		add(&sc, log_folder_of(c->a, path_resolve(c->a, "/", val),
				       named && strstr(kv->key, "DIR")),
		    arena_printf(c->a, "environment %s at %s:%u", kv->key, kv->at.file, kv->at.line));
	}
	if (st) {
		const struct m_instr *ep = NULL, *cmd = NULL;
		bool nginx = repo && str_eq(repo, "nginx");

		sc.nchain = stage_chain(st, sc.chain, MAX_CHAIN);
		for (size_t k = 0; k < sc.nchain; k++)
			for (size_t j = 0; j < sc.chain[k]->ninstrs; j++) {
				const struct m_instr *in = &sc.chain[k]->instrs[j];

				if (in->kind == K_ENV || in->kind == K_ARG)
					scan_vars(&sc, in);
				else if (in->kind == K_RUN)
					scan_run(&sc, in, nginx);
			}
		m_stage_main_process(st, &ep, &cmd);
		if (!s->entrypoint.n && ep)
			scan_instr_words(&sc, ep, cwd);
		if (!s->command.n && !s->entrypoint.n && cmd)
			scan_instr_words(&sc, cmd, cwd);
	}
	if (s->entrypoint.n)
		scan_list(&sc, s, &s->entrypoint, cwd, "entrypoint");
	if (s->command.n)
		scan_list(&sc, s, &s->command, cwd, "command");
	if ((dir = image_log_dir(repo)))
		add(&sc, dir, arena_printf(c->a, "the %s image writes its logs there", repo));

	for (size_t k = 0; k < sc.ncands; k++) {
		const struct cand *cd = &sc.cands[k];
		bool linked = false;

		for (size_t l = 0; l < sc.nlinks && !linked; l++)
			linked = path_within(sc.links[l], cd->dir);
		if (linked || (cd->made && sc.forwarder) || cx_mount_over(s, cd->dir, false) ||
		    dockerfile_volume(&sc, cd->dir))
			continue;
		cx_report(c, s, &s->pos, NULL, "service %s writes log files to %s (%s) and no volume "
			  "is mounted there: they fill the container's writable layer, are lost "
			  "with it, and docker logs never shows them", s->name, cd->dir, cd->why);
	}
}

static void check(struct rule_ctx *c)
{
	for (size_t i = 0; i < c->project->nservices; i++)
		check_service(c, i);
}

const struct check check_compose_log_files = {
	.rule = &SW1001,
	.compose = check,
};
