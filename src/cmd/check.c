/* seaworthy check: discover → parse → model → rules → findings → render.
 * Settings come from flags, then SEAWORTHY_* variables, then .seaworthy.yaml. */
#include <errno.h>
#include <pthread.h>
#include <sched.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cmd/cmd.h"
#include "cmd/output.h"
#include "compose/project.h"
#include "config/config.h"
#include "discover/discover.h"
#include "dockerfile/ast.h"
#include "findings/baseline.h"
#include "model/model.h"
#include "render/render.h"
#include "rules/compose_util.h"
#include "rules/rule.h"
#include "rules/scripts.h"
#include "suppress/suppress.h"
#include "util/readfile.h"

#define MAX_DOCKERFILE (4u << 20)
#define MAX_JOBS 64

extern const struct subcommand cmd_check;

struct check_opts {
	struct output outputs[MAX_OUTPUTS];
	size_t noutputs;
	int fail_on;		/* severity that fails, or -1 for never */
	bool fail_on_set;
	int color;		/* -1 auto */
	const char *select, *ignore;	/* comma-separated rule ids */
	const char *config;
	bool no_config;
	bool show_suppressed, require_reasons;
	const char *baseline, *write_baseline;
	/* Compose: -f, --project-directory, --env-file, --profile. */
	struct strlist files, env_files, profiles;
	const char *project_dir;
	long jobs;		/* --jobs; 0 for one per available CPU */
};

/* A Dockerfile's identity: its device and inode, so that a file reached by
 * two paths (a symlink, ./x and x) is checked once. */
struct file_id {
	dev_t dev;
	ino_t ino;
};

struct run {
	struct arena a;
	struct report r;
	struct config cfg;
	struct check_opts o;
	/* Identities of the Dockerfiles checked: an open-addressing set. */
	struct file_id *checked;
	size_t nchecked, capchecked;
	bool checked_stdin;
	/* The reports of the worker threads, merged into r, whose strings
	 * their arenas own until the run ends. */
	struct arena *worker_arenas;
	size_t nworker_arenas;
	const struct c_project **projects;
	const struct m_dockerfile *const **project_dfs;	/* per project, per service */
	size_t nprojects, capprojects, capdfs;
	size_t nscripts;		/* scripts checked for point 6 */
};

/* Whether a rule's findings are wanted: --select, --ignore, config ignore. */
static bool rule_wanted(const struct rule *rule, void *ctx)
{
	const struct run *run = ctx;

	return output_rule_wanted(rule, run->o.select, run->o.ignore, &run->cfg);
}

/* Drops unwanted rules' findings and applies severity overrides. */
static void filter_findings(struct run *run)
{
	output_filter(&run->r, run->o.select, run->o.ignore, &run->cfg);
}

/* A file BuildKit would refuse outright, or one that is not text. */
static const char *not_text(const char *buf, size_t len, unsigned *line)
{
	const char *nul = memchr(buf, '\0', len);
	unsigned l = 1;

	if (!nul)
		return NULL;
	for (const char *p = buf; p < nul; p++)
		l += *p == '\n';
	*line = l;
	return "binary file (NUL byte), not a Dockerfile";
}

static size_t id_hash(const struct file_id *id, size_t mask)
{
	unsigned long long h = (unsigned long long)id->ino * 0x9e3779b97f4a7c15ULL ^
			       (unsigned long long)id->dev;

	return (size_t)(h ^ (h >> 29)) & mask;
}

/* Each Dockerfile is checked once, however many ways it is reached. known
 * is its identity when the caller has it, else NULL. */
static bool first_visit(struct run *run, const char *path, const struct file_id *known)
{
	struct file_id id;
	struct stat st;
	size_t i, mask;

	if (!strcmp(path, "-")) {
		if (run->checked_stdin)
			return false;
		run->checked_stdin = true;
		return true;
	}
	if (known) {
		id = *known;
	} else if (stat(path, &st) == 0) {
		id.dev = st.st_dev;
		id.ino = st.st_ino;
	} else {
		return true;	/* reading it will say what is wrong */
	}
	if (run->nchecked * 2 >= run->capchecked) {
		size_t cap = run->capchecked ? run->capchecked * 2 : 256;
		struct file_id *t = arena_alloc(&run->a, cap * sizeof(*t));

		/* An empty slot has ino 0 and dev 0, which no file has. */
		for (size_t k = 0; k < run->capchecked; k++) {
			const struct file_id *e = &run->checked[k];

			if (!e->ino && !e->dev)
				continue;
			for (i = id_hash(e, cap - 1); t[i].ino || t[i].dev; i = (i + 1) & (cap - 1))
				;
			t[i] = *e;
		}
		run->checked = t;
		run->capchecked = cap;
	}
	mask = run->capchecked - 1;
	for (i = id_hash(&id, mask); run->checked[i].ino || run->checked[i].dev; i = (i + 1) & mask)
		if (run->checked[i].ino == id.ino && run->checked[i].dev == id.dev)
			return false;
	run->checked[i] = id;
	run->nchecked++;
	return true;
}

/* Checks one Dockerfile into r. Worker threads call it at once, each with
 * its own report: it only reads run's settings. */
static void check_dockerfile(const struct run *run, struct report *r, const struct input *in)
{
	struct arena scratch = ARENA_INIT;
	struct suppress_opts so = { run->o.require_reasons, rule_wanted, (void *)run };
	struct df_file df;
	struct df_error err;
	struct m_dockerfile m;
	const char *why, *bad;
	unsigned line = 0;
	size_t len, first;
	char *buf = read_file(&scratch, in->path, MAX_DOCKERFILE, &len, &why);

	if (!buf) {
		report_error(r, in->display, 0, "cannot read: %s", why);
		goto out;
	}
	if ((bad = not_text(buf, len, &line))) {
		report_error(r, in->display, line, "%s", bad);
		goto out;
	}
	if (df_parse(&scratch, in->display, buf, len, &df, &err) < 0) {
		report_error(r, in->display, err.line, "%s", err.msg);
		goto out;
	}
	if (model_build(&scratch, &df, in->dir, &m, &err) < 0) {
		report_error(r, in->display, err.line, "%s", err.msg);
		goto out;
	}
	r->layers |= LAYER_DOCKERFILE;
	first = r->nfindings;
	rules_check_dockerfile(r, &m, &run->cfg);
	suppress_dockerfile(r, first, &df, in->display, &so);
	report_fingerprint(r, first, NULL, buf, len);
out:
	arena_release(&scratch);
}

/* The Dockerfiles of a run are independent: workers take them in turn from
 * a shared counter, each into a report of its own, and the reports are
 * merged in worker order. Findings are sorted afterwards, so the output is
 * the same whatever the number of workers. */
struct worker {
	const struct run *run;
	const struct input *const *todo;
	size_t ntodo;
	atomic_size_t *next;
	struct report r;
	pthread_t tid;
};

static void work(struct worker *w)
{
	size_t i;

	while ((i = atomic_fetch_add(w->next, 1)) < w->ntodo)
		check_dockerfile(w->run, &w->r, w->todo[i]);
}

static void *work_thread(void *arg)
{
	work(arg);
	arena_thread_done();
	return NULL;
}

/* Workers for n files: --jobs, else one per CPU this process may use; a
 * thread is only worth starting for a few files. */
static size_t worker_count(const struct run *run, size_t n)
{
	long jobs = run->o.jobs;
	size_t k;

	if (jobs <= 0) {
		cpu_set_t set;

		jobs = sched_getaffinity(0, sizeof(set), &set) == 0 ? CPU_COUNT(&set) : 1;
	}
	k = (size_t)(jobs < 1 ? 1 : jobs > MAX_JOBS ? MAX_JOBS : jobs);
	if (k > n / 8)
		k = n / 8 ? n / 8 : 1;
	return k;
}

static void check_dockerfiles(struct run *run, const struct input_list *inputs)
{
	const struct input **todo = NULL;
	struct worker *w;
	atomic_size_t next = 0;
	size_t n = 0, cap = 0, nw;

	for (size_t k = 0; k < inputs->n; k++) {
		const struct input *in = &inputs->v[k];

		if (in->kind == INPUT_DOCKERFILE && !config_excluded(&run->cfg, in->display) &&
		    first_visit(run, in->path,
				in->has_id ? &(struct file_id){ in->dev, in->ino } : NULL))
			*ARENA_PUSH(&run->a, todo, n, cap) = in;
	}
	nw = worker_count(run, n);
	if (nw <= 1) {
		for (size_t k = 0; k < n; k++)
			check_dockerfile(run, &run->r, todo[k]);
		return;
	}
	w = arena_alloc(&run->a, nw * sizeof(*w));
	run->worker_arenas = arena_alloc(&run->a, nw * sizeof(*run->worker_arenas));
	run->nworker_arenas = nw;
	for (size_t k = 0; k < nw; k++) {
		w[k] = (struct worker){ .run = run, .todo = todo, .ntodo = n, .next = &next };
		report_init(&w[k].r, &run->worker_arenas[k]);
	}
	/* Worker 0 is this thread; one that cannot start leaves its share to
	 * the others. */
	for (size_t k = 1; k < nw; k++)
		if (pthread_create(&w[k].tid, NULL, work_thread, &w[k]) != 0)
			w[k].run = NULL;
	work(&w[0]);
	for (size_t k = 1; k < nw; k++)
		if (w[k].run)
			pthread_join(w[k].tid, NULL);
	for (size_t k = 0; k < nw; k++) {
		const struct report *wr = &w[k].r;

		for (size_t i = 0; i < wr->nfindings; i++)
			*ARENA_PUSH(run->r.a, run->r.findings, run->r.nfindings, run->r.capfindings) =
				wr->findings[i];
		for (size_t i = 0; i < wr->nerrors; i++)
			*ARENA_PUSH(run->r.a, run->r.errors, run->r.nerrors, run->r.caperrors) =
				wr->errors[i];
		run->r.layers |= wr->layers;
	}
}

/* The model of the Dockerfile a service builds, for cross-file rules; its
 * own findings are reported once, by check_dockerfile. */
static const struct m_dockerfile *service_dockerfile(struct run *run, const struct c_service *sv)
{
	struct df_file *df;
	struct m_dockerfile *m;
	struct df_error err;
	const char *path = sv->build_dockerfile.s, *why, *slash;
	struct stat st;
	size_t len;
	char *buf;

	if (!sv->build_context.s || !path)
		return NULL;
	/* Compose loads a project whose Dockerfiles are elsewhere (a remote
	 * context, a checkout without them): only `build` would fail. */
	if (stat(path, &st) < 0 || !S_ISREG(st.st_mode))
		return NULL;
	if (first_visit(run, path, &(struct file_id){ st.st_dev, st.st_ino })) {
		struct input in = { INPUT_DOCKERFILE, path, display_path(&run->a, path), NULL,
				    true, st.st_dev, st.st_ino };

		slash = strrchr(path, '/');
		in.dir = slash ? arena_strndup(&run->a, path, (size_t)(slash - path)) : ".";
		if (!config_excluded(&run->cfg, in.display))
			check_dockerfile(run, &run->r, &in);
	}
	buf = read_file(&run->a, path, MAX_DOCKERFILE, &len, &why);
	if (!buf || memchr(buf, '\0', len))
		return NULL;
	df = arena_alloc(&run->a, sizeof(*df));
	m = arena_alloc(&run->a, sizeof(*m));
	if (df_parse(&run->a, display_path(&run->a, path), buf, len, df, &err) < 0 ||
	    model_build(&run->a, df, sv->build_context.s, m, &err) < 0)
		return NULL;
	return m;
}

static void check_compose_project(struct run *run, const char *const *files, size_t nfiles)
{
	struct compose_opts co = {
		.files = (const char **)files, .nfiles = nfiles,
		.project_dir = run->o.project_dir,
		.env_files = run->o.env_files.v, .nenv_files = run->o.env_files.n,
		.profiles = run->o.profiles.v, .nprofiles = run->o.profiles.n,
	};
	struct suppress_opts so = { run->o.require_reasons, rule_wanted, run };
	struct c_project *p = arena_alloc(&run->a, sizeof(*p));
	const struct m_dockerfile **dfs;
	size_t first = run->r.nfindings;

	if (compose_load(&run->a, &co, p, &run->r) < 0)
		return;
	run->r.layers |= LAYER_COMPOSE;
	dfs = arena_alloc(&run->a, (p->nservices + 1) * sizeof(*dfs));
	for (size_t i = 0; i < p->nservices; i++)
		dfs[i] = service_dockerfile(run, &p->services[i]);
	{
		size_t n = run->nprojects;

		*ARENA_PUSH(&run->a, run->project_dfs, n, run->capdfs) = dfs;
		*ARENA_PUSH(&run->a, run->projects, run->nprojects, run->capprojects) = p;
	}
	first = run->r.nfindings;
	rules_check_compose(&run->r, p, dfs, &run->cfg);
	/* Suppressions and fingerprints, file by file of the project. */
	for (size_t i = 0; i < p->nfiles; i++) {
		const char *why;
		size_t len;
		char *buf = read_file(&run->a, p->files[i], 1u << 22, &len, &why);

		if (!buf)
			continue;
		suppress_yaml(&run->r, first, p->files[i], buf, len, &so);
		report_fingerprint(&run->r, first, p->files[i], buf, len);
	}
}

/* Compose projects: -f (or COMPOSE_FILE) names one; otherwise every folder
 * walked is a possible project, loaded as `docker compose` would load it
 * there, and each variant file as base + variant. */
static void check_compose(struct run *run, const struct input_list *inputs)
{
	if (run->o.files.n) {
		check_compose_project(run, run->o.files.v, run->o.files.n);
		return;
	}
	for (size_t k = 0; k < inputs->n; k++)
		if (inputs->v[k].kind == INPUT_COMPOSE &&
		    !config_excluded(&run->cfg, inputs->v[k].display))
			check_compose_project(run, &inputs->v[k].path, 1);
	for (size_t k = 0; k < inputs->ndirs; k++) {
		struct compose_discovery d;
		const char *files[2];

		if (config_excluded(&run->cfg, display_path(&run->a, inputs->dirs[k])))
			continue;
		compose_discover(&run->a, inputs->dirs[k], &d, &run->r);
		if (d.base) {
			files[0] = d.base;
			files[1] = d.override;
			check_compose_project(run, files, d.override ? 2 : 1);
		}
		for (size_t v = 0; v < d.nvariants; v++) {
			files[0] = d.base ? d.base : d.variants[v];
			files[1] = d.variants[v];
			check_compose_project(run, files, d.base ? 2 : 1);
		}
	}
}

/* A root Dockerfile whose every compose service sets a non-root user is
 * said once: its SW0201 becomes a note naming those services. */
static void note_root_fixed_by_compose(struct run *run)
{
	struct report *r = &run->r;

	for (size_t i = 0; i < r->nfindings; i++) {
		const struct finding *f = &r->findings[i];
		const char *services = NULL;
		int fixed = -1;

		if (strcmp(f->rule->id, "SW0201") || !f->file)
			continue;
		for (size_t k = 0; k < run->nprojects && fixed != 0; k++) {
			const char *svc = NULL;
			int v = cx_compose_fixes_root(&run->a, run->projects[k], run->project_dfs[k],
						      f->file, &svc);

			if (v == 0)
				fixed = 0;
			else if (v == 1) {
				fixed = 1;
				services = svc;
			}
		}
		if (fixed == 1)
			cx_note_root_fixed_by_compose(r, 0, f->file, services);
	}
}

/* Point 6: scripts that run containers by hand, under the folders given. */
static void check_scripts(struct run *run, const struct input_list *inputs)
{
	struct script_set set = { 0 };
	struct suppress_opts so = { run->o.require_reasons, rule_wanted, run };
	size_t first = run->r.nfindings, k = 0;

	for (size_t i = 0; i < inputs->nroots; i++)
		scripts_discover(&run->a, inputs->roots[i], &set);
	for (size_t i = 0; i < set.n; i++)
		if (!config_excluded(&run->cfg, set.scripts[i].path))
			set.scripts[k++] = set.scripts[i];
	set.n = k;
	run->nscripts = set.n;
	if (!set.n)
		return;
	set.has_compose = set.has_compose || run->nprojects;
	set.projects = run->projects;
	set.nprojects = run->nprojects;
	rules_check_scripts(&run->r, &set, &run->cfg);
	/* Shell, Makefiles and CI YAML all comment with #. */
	for (size_t i = 0; i < set.n; i++) {
		suppress_yaml(&run->r, first, set.scripts[i].path, set.scripts[i].text,
			      set.scripts[i].len, &so);
		report_fingerprint(&run->r, first, set.scripts[i].path, set.scripts[i].text,
				   set.scripts[i].len);
	}
}

static int write_outputs(const struct run *run, const struct render_opts *base)
{
	return output_write(run->o.outputs, run->o.noutputs, run->o.color, &run->r, base);
}

static int set_format(struct check_opts *o, const char *v)
{
	return output_set_format(&cmd_check, o->outputs, &o->noutputs, v);
}

static int set_fail_on(struct check_opts *o, const char *v)
{
	o->fail_on_set = true;
	return output_set_fail_on(&cmd_check, &o->fail_on, v);
}

static int parse_args(struct arena *ar, int argc, char **argv, struct check_opts *o,
		      const char **paths, size_t *npaths)
{
	bool end_opts = false;
	const char *v;
	int t;

	for (int i = 1; i < argc; i++) {
		const char *a = argv[i];

		if (end_opts || a[0] != '-' || !strcmp(a, "-")) {
			paths[(*npaths)++] = a;
		} else if (!strcmp(a, "--")) {
			end_opts = true;
		} else if (!strcmp(a, "-h") || !strcmp(a, "--help")) {
			print_help(&cmd_check);
			return 1;
		} else if ((t = take_opt(argc, argv, &i, "--file", &v)) ||
			   (t = take_opt(argc, argv, &i, "-f", &v))) {
			if (t < 0) {
				usage_error(&cmd_check, "-f takes a compose file");
				return -1;
			}
			strlist_push(ar, &o->files, v);
		} else if ((t = take_opt(argc, argv, &i, "--project-directory", &v))) {
			if (t < 0) {
				usage_error(&cmd_check, "--project-directory takes a folder");
				return -1;
			}
			o->project_dir = v;
		} else if ((t = take_opt(argc, argv, &i, "--env-file", &v))) {
			if (t < 0) {
				usage_error(&cmd_check, "--env-file takes a file");
				return -1;
			}
			strlist_push(ar, &o->env_files, v);
		} else if ((t = take_opt(argc, argv, &i, "--profile", &v))) {
			if (t < 0) {
				usage_error(&cmd_check, "--profile takes a name");
				return -1;
			}
			strlist_push(ar, &o->profiles, v);
		} else if ((t = take_opt(argc, argv, &i, "--format", &v))) {
			if (set_format(o, t > 0 ? v : NULL))
				return -1;
		} else if ((t = take_opt(argc, argv, &i, "--output", &v)) ||
			   (t = take_opt(argc, argv, &i, "-o", &v))) {
			if (t < 0 || !o->noutputs || o->outputs[o->noutputs - 1].path) {
				usage_error(&cmd_check, "--output FILE follows the --format it is for");
				return -1;
			}
			o->outputs[o->noutputs - 1].path = v;
		} else if ((t = take_opt(argc, argv, &i, "--fail-on", &v))) {
			if (set_fail_on(o, t > 0 ? v : NULL))
				return -1;
		} else if ((t = take_opt(argc, argv, &i, "--select", &v)) ||
			   (t = take_opt(argc, argv, &i, "--ignore", &v) * 2)) {
			if (t < 0 || rule_list_bad(v)) {
				usage_error(&cmd_check,
					    "--select and --ignore take rule ids, e.g. SW0201,SW0301");
				return -1;
			}
			*(t == 2 ? &o->ignore : &o->select) = v;
		} else if ((t = take_opt(argc, argv, &i, "--config", &v))) {
			if (t < 0) {
				usage_error(&cmd_check, "--config takes a file");
				return -1;
			}
			o->config = v;
		} else if ((t = take_opt(argc, argv, &i, "--jobs", &v)) ||
			   (t = take_opt(argc, argv, &i, "-j", &v)) ||
			   (!strncmp(a, "-j", 2) && (v = a + 2, t = 1))) {
			char *end;

			errno = 0;
			o->jobs = t > 0 ? strtol(v, &end, 10) : 0;
			if (t < 0 || errno || end == v || *end || o->jobs < 1 || o->jobs > MAX_JOBS) {
				usage_error(&cmd_check, "--jobs takes a number of threads, 1 to %d",
					    MAX_JOBS);
				return -1;
			}
		} else if (!strcmp(a, "--no-config")) {
			o->no_config = true;
		} else if ((t = take_opt(argc, argv, &i, "--baseline", &v))) {
			if (t < 0) {
				usage_error(&cmd_check, "--baseline takes a file");
				return -1;
			}
			o->baseline = v;
		} else if ((t = take_opt(argc, argv, &i, "--write-baseline", &v))) {
			if (t < 0) {
				usage_error(&cmd_check, "--write-baseline takes a file");
				return -1;
			}
			o->write_baseline = v;
		} else if (!strcmp(a, "--show-suppressed")) {
			o->show_suppressed = true;
		} else if (!strcmp(a, "--require-reasons")) {
			o->require_reasons = true;
		} else if (!strcmp(a, "--no-color")) {
			o->color = 0;
		} else if ((t = take_opt(argc, argv, &i, "--color", &v))) {
			if (t > 0 && !strcmp(v, "always")) {
				o->color = 1;
			} else if (t > 0 && !strcmp(v, "never")) {
				o->color = 0;
			} else if (t > 0 && !strcmp(v, "auto")) {
				o->color = -1;
			} else {
				usage_error(&cmd_check, "--color takes auto, always or never");
				return -1;
			}
		} else {
			usage_error(&cmd_check, "unknown option '%s'", a);
			return -1;
		}
	}
	return 0;
}

static const char *env(const char *name)
{
	const char *v = getenv(name);

	return v && *v ? v : NULL;
}

/* SEAWORTHY_* fill what the flags left unset. */
static int apply_env(struct arena *a, struct check_opts *o)
{
	const char *v;

	if (!o->noutputs && (v = env("SEAWORTHY_FORMAT")) && set_format(o, v))
		return -1;
	if (!o->fail_on_set && (v = env("SEAWORTHY_FAIL_ON")) && set_fail_on(o, v))
		return -1;
	if (!o->config && (v = env("SEAWORTHY_CONFIG")))
		o->config = v;
	if (!o->baseline && (v = env("SEAWORTHY_BASELINE")))
		o->baseline = v;
	if (!o->ignore && (v = env("SEAWORTHY_IGNORE"))) {
		if (rule_list_bad(v)) {
			usage_error(&cmd_check, "SEAWORTHY_IGNORE takes rule ids");
			return -1;
		}
		o->ignore = v;
	}
	if (!o->files.n && (v = env("COMPOSE_FILE"))) {
		/* Compose splits COMPOSE_FILE on COMPOSE_PATH_SEPARATOR (':' here). */
		const char *sep = env("COMPOSE_PATH_SEPARATOR");
		char c = sep ? sep[0] : ':';

		for (const char *p = v; *p;) {
			const char *e = strchr(p, c);
			size_t n = e ? (size_t)(e - p) : strlen(p);

			if (n)
				strlist_push(a, &o->files, arena_strndup(a, p, n));
			p += n + (e ? 1 : 0);
		}
	}
	if (!o->require_reasons && env("SEAWORTHY_REQUIRE_REASONS"))
		o->require_reasons = strcmp(env("SEAWORTHY_REQUIRE_REASONS"), "0") != 0;
	return 0;
}

/* The folder where the config search starts: the first path's. */
static const char *config_start(struct arena *a, const char *path)
{
	struct stat st;
	const char *slash;

	if (!path || !strcmp(path, "-"))
		return ".";
	if (stat(path, &st) == 0 && S_ISDIR(st.st_mode))
		return path;
	slash = strrchr(path, '/');
	return slash ? arena_strndup(a, path, (size_t)(slash - path) + 1) : ".";
}

static int run_check(int argc, char **argv)
{
	struct run run = { .a = ARENA_INIT, .o = { .fail_on = SEV_WARNING, .color = -1 } };
	struct input_list inputs = { 0 };
	struct baseline base = { 0 };
	struct render_opts ro = { false };
	const char **paths;
	size_t npaths = 0;
	int status = EXIT_CLEAN, rc;

	paths = calloc((size_t)argc + 1, sizeof(*paths));
	if (!paths)
		return EXIT_TROUBLE;
	rc = parse_args(&run.a, argc, argv, &run.o, paths, &npaths);
	if (!rc)
		rc = apply_env(&run.a, &run.o);
	if (rc) {
		free(paths);
		return rc > 0 ? EXIT_CLEAN : EXIT_TROUBLE;
	}
	if (!npaths)
		paths[npaths++] = ".";

	report_init(&run.r, &run.a);
	if (!run.o.no_config) {
		const char *cfg = run.o.config ? run.o.config :
				  config_find(&run.a, config_start(&run.a, paths[0]));

		if (cfg && config_load(&run.a, cfg, &run.cfg, &run.r) == 0 &&
		    run.cfg.has_fail_on && !run.o.fail_on_set && !env("SEAWORTHY_FAIL_ON"))
			run.o.fail_on = run.cfg.fail_on;
	}
	if (run.o.baseline)
		baseline_load(&run.a, run.o.baseline, &base, &run.r);

	discover(&run.a, paths, npaths, &inputs);
	for (size_t k = 0; k < inputs.nbad; k++)
		report_error(&run.r, inputs.bad[k].path, 0, "cannot read: %s", inputs.bad[k].why);
	check_dockerfiles(&run, &inputs);
	check_compose(&run, &inputs);
	note_root_fixed_by_compose(&run);
	check_scripts(&run, &inputs);
	filter_findings(&run);
	report_sort(&run.r);
	report_dedupe(&run.r);

	if (run.o.write_baseline && baseline_write(&run.r, run.o.write_baseline) < 0)
		status = EXIT_TROUBLE;
	if (run.o.baseline && base.path) {
		ro.baseline = true;
		ro.baseline_known = baseline_filter(&run.r, &base);
	}
	ro.show_suppressed = run.o.show_suppressed;
	if (write_outputs(&run, &ro) < 0)
		status = EXIT_TROUBLE;
	if (!(run.r.layers & (LAYER_DOCKERFILE | LAYER_COMPOSE)) && !run.nscripts && !run.r.nerrors)
		fprintf(stderr, "seaworthy: no Dockerfiles, compose files or scripts found\n");

	status = output_exit_status(&run.r, run.o.fail_on, run.o.write_baseline,
				    status == EXIT_TROUBLE);
	for (size_t k = 0; k < run.nworker_arenas; k++)
		arena_release(&run.worker_arenas[k]);
	arena_release(&run.a);
	free(paths);
	return status;
}

const struct subcommand cmd_check = {
	.name = "check",
	.usage = "check [--format FORMAT [--output FILE]]... [--fail-on LEVEL] [--select IDS] "
		 "[--ignore IDS] [--config FILE] [--baseline FILE] [--write-baseline FILE] "
		 "[-f COMPOSE_FILE]... [PATH...]",
	.summary = "Check Dockerfiles, compose projects and scripts against the checklist.",
	.help = "options:\n"
		"  --format FORMAT        text (default), json, sarif, junit, github, gitlab or\n"
		"                         checkstyle; repeatable\n"
		"  --output FILE          write the preceding --format to FILE instead of stdout\n"
		"  --fail-on LEVEL        exit 1 when a finding reaches LEVEL: error, warning\n"
		"                         (default), info, or never\n"
		"  --select IDS           report only these rules (comma-separated ids)\n"
		"  --ignore IDS           do not report these rules\n"
		"  --config FILE          read settings from FILE instead of the .seaworthy.yaml\n"
		"                         found in the checked folder or its ancestors\n"
		"  --no-config            read no configuration file\n"
		"  -j, --jobs N           check Dockerfiles in N threads (default: one per CPU;\n"
		"                         the output is the same whatever N is)\n"
		"  --show-suppressed      also list suppressed findings, with their reasons\n"
		"  --require-reasons      a suppression comment without a reason is an error\n"
		"  --write-baseline FILE  record today's findings in FILE (exit 0 unless an input\n"
		"                         could not be checked)\n"
		"  --baseline FILE        report only findings that FILE does not know\n"
		"  -f, --file FILE        a compose file, as with docker compose -f (repeatable;\n"
		"                         COMPOSE_FILE works too); without it each folder's\n"
		"                         compose.yaml/docker-compose.yml and its override file\n"
		"                         are loaded, and each variant file as base + variant\n"
		"  --project-directory DIR  the compose project directory\n"
		"  --env-file FILE        compose variables from FILE instead of .env (repeatable)\n"
		"  --profile NAME         enable a compose profile (repeatable); services of\n"
		"                         other profiles are still checked\n"
		"  --color WHEN           auto (default), always or never; NO_COLOR is respected\n"
		"  --no-color             same as --color never\n"
		"\n"
		"PATH may be a directory (searched for Dockerfile, Dockerfile.*, *.Dockerfile,\n"
		"*.dockerfile, Containerfile, compose files, and shell scripts, Makefiles and CI\n"
		"files that run containers; skipping .git, node_modules and vendor), a file\n"
		"(checked whatever its name), or - for a Dockerfile on standard input.\n"
		"\n"
		"environment: SEAWORTHY_FORMAT, SEAWORTHY_FAIL_ON, SEAWORTHY_CONFIG,\n"
		"SEAWORTHY_BASELINE, SEAWORTHY_IGNORE and SEAWORTHY_REQUIRE_REASONS stand in for\n"
		"the flags; flags beat them, and they beat the configuration file.\n"
		"\n"
		"exit status: 0 clean, 1 a finding reached --fail-on, 2 usage error or an input\n"
		"that could not be read or parsed (all other inputs are still checked).\n",
	.run = run_check,
};
