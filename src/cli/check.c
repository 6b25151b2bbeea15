/* seaworthy check: discover → parse → model → rules → findings → render.
 * Settings come from flags, then SEAWORTHY_* variables, then .seaworthy.yaml. */
#include <errno.h>
#include <sched.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "run/cmd.h"
#include "run/output.h"
#include "input/compose/project.h"
#include "config/config.h"
#include "input/discover/discover.h"
#include "input/dockerfile/ast.h"
#include "findings/baseline.h"
#include "input/dockerfile/model.h"
#include "render/render.h"
#include "checks/compose/compose_util.h"
#include "checks/check.h"
#include "input/scripts/scripts.h"
#include "findings/suppress.h"
#include "util/pool.h"
#include "util/readfile.h"

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
	struct arena **worker_arenas;
	size_t nworker_arenas, capworker_arenas;
	struct pool *pool;	/* helper threads, or NULL */
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
	char *buf = in->has_size ?
		    read_file_sized(&scratch, in->path, in->size, &len, &why) :
		    read_file(&scratch, in->path, &len, &why);

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
	if (suppress_mentioned(buf, len)) {
		struct stmt_span *sp = arena_alloc(&scratch, (df.nnodes + 1) * sizeof(*sp));

		for (size_t k = 0; k < df.nnodes; k++)
			sp[k] = (struct stmt_span){ df.nodes[k].start.line, df.nodes[k].end_line,
						    !strcmp(df.nodes[k].name, "from") };
		suppress_statements(r, first, in->display, buf, len, df.nlines, sp, df.nnodes, &so);
	} else {
		suppress_statements(r, first, in->display, buf, len, df.nlines, NULL, 0, &so);
	}
	report_fingerprint(r, first, NULL, buf, len);
out:
	arena_release(&scratch);
}

/* Work that is independent item by item (Dockerfiles, compose project
 * loads) goes to a pool: workers take items in turn from a shared counter,
 * each into a report and an arena of its own, reading only the run's
 * settings. The calling thread is worker 0. The arenas live as long as the
 * run, since what the reports hold points into them. */
struct worker {
	const struct run *run;
	void (*fn)(const struct run *run, struct report *r, size_t item, void *ctx);
	void *ctx;
	size_t nitems;
	atomic_size_t *next;
	struct report r;
};

/* What slot of the pool runs: items until there are none left. */
static void work(void *ctx, size_t slot)
{
	struct worker *w = &((struct worker *)ctx)[slot];
	size_t i;

	while ((i = atomic_fetch_add(w->next, 1)) < w->nitems)
		w->fn(w->run, &w->r, i, w->ctx);
}

/* --jobs, else one per CPU this process may use. */
static size_t jobs_of(const struct run *run)
{
	long jobs = run->o.jobs;

	if (jobs <= 0) {
		cpu_set_t set;

		jobs = sched_getaffinity(0, sizeof(set), &set) == 0 ? CPU_COUNT(&set) : 1;
	}
	return (size_t)(jobs < 1 ? 1 : jobs > MAX_JOBS ? MAX_JOBS : jobs);
}

/* Workers for n items: the pool's helpers and this thread, at most one for
 * every eight items (a worker is only worth it for a few). */
static size_t worker_count(const struct run *run, size_t n)
{
	size_t k = pool_size(run->pool) + 1;

	if (k > n / 8)
		k = n / 8 ? n / 8 : 1;
	return k;
}

/* Helpers are started before discovery when the run may have enough
 * items for them: many paths, or a folder to walk. */
static struct pool *start_pool(const struct run *run, const char *const *paths, size_t npaths)
{
	size_t jobs = jobs_of(run);
	bool worth = npaths >= 16;
	struct stat st;

	for (size_t i = 0; jobs > 1 && !worth && i < npaths; i++)
		worth = strcmp(paths[i], "-") && stat(paths[i], &st) == 0 && S_ISDIR(st.st_mode);
	return worth ? pool_start(jobs - 1) : NULL;
}

/* Runs fn over items 0..n-1 and returns the workers (*nw of them), whose
 * reports hold what fn reported, in the order each worker ran its items. */
static struct worker *run_pool(struct run *run, size_t n,
			       void (*fn)(const struct run *, struct report *, size_t, void *),
			       void *ctx, size_t *nw)
{
	atomic_size_t *next = arena_alloc(&run->a, sizeof(*next));
	struct arena *arenas;
	struct worker *w;
	size_t k = worker_count(run, n);

	w = arena_alloc(&run->a, k * sizeof(*w));
	arenas = arena_alloc(&run->a, k * sizeof(*arenas));
	for (size_t i = 0; i < k; i++) {
		w[i] = (struct worker){ .run = run, .fn = fn, .ctx = ctx, .nitems = n, .next = next };
		report_init(&w[i].r, &arenas[i]);
		*ARENA_PUSH(&run->a, run->worker_arenas, run->nworker_arenas,
			    run->capworker_arenas) = &arenas[i];
	}
	pool_run(run->pool, k, work, w);
	*nw = k;
	return w;
}

/* Appends findings[from..to) and errors[efrom..eto) of wr to the run's. */
static void merge(struct run *run, const struct report *wr, size_t from, size_t to, size_t efrom,
		  size_t eto)
{
	struct report *r = &run->r;

	for (size_t i = from; i < to; i++)
		*ARENA_PUSH(r->a, r->findings, r->nfindings, r->capfindings) = wr->findings[i];
	for (size_t i = efrom; i < eto; i++)
		*ARENA_PUSH(r->a, r->errors, r->nerrors, r->caperrors) = wr->errors[i];
	r->layers |= wr->layers;
}

struct stat_job {
	const char *const *paths;
	struct path_stat *out;
	size_t n, k;
};

static void stat_slice(void *ctx, size_t slot)
{
	const struct stat_job *j = ctx;

	for (size_t i = slot; i < j->n; i += j->k)
		discover_stat(j->paths[i], &j->out[i]);
}

/* The stat of every path given, made by the pool when there are many
 * (one system call each, and the walk waits for them); NULL otherwise. */
static const struct path_stat *stat_paths(struct run *run, const char *const *paths, size_t n)
{
	struct stat_job j = { paths, NULL, n, pool_size(run->pool) + 1 };

	if (j.k < 2 || n < 64)
		return NULL;
	j.out = arena_alloc(&run->a, n * sizeof(*j.out));
	pool_run(run->pool, j.k, stat_slice, &j);
	return j.out;
}

static void check_one_dockerfile(const struct run *run, struct report *r, size_t i, void *ctx)
{
	const struct input *const *todo = ctx;

	check_dockerfile(run, r, todo[i]);
}

/* The Dockerfiles of the run. Findings are sorted in the end, so the report
 * is the same whatever the number of workers. */
static void check_dockerfiles(struct run *run, const struct input_list *inputs)
{
	const struct input **todo = NULL;
	struct worker *w;
	size_t n = 0, cap = 0, nw;

	for (size_t k = 0; k < inputs->n; k++) {
		const struct input *in = &inputs->v[k];

		if (in->kind == INPUT_DOCKERFILE && !config_excluded(&run->cfg, in->display) &&
		    first_visit(run, in->path,
				in->has_id ? &in->id : NULL))
			*ARENA_PUSH(&run->a, todo, n, cap) = in;
	}
	w = run_pool(run, n, check_one_dockerfile, todo, &nw);
	for (size_t k = 0; k < nw; k++)
		merge(run, &w[k].r, 0, w[k].r.nfindings, 0, w[k].r.nerrors);
}

/* The Dockerfile a service builds: where it is and, when it is a file,
 * its identity, so that its own findings are reported once (by
 * check_dockerfile, in project order). */
struct service_df {
	const char *path;
	struct file_id id;
	bool found;
};

/* The model of the Dockerfile a service builds, for cross-file rules, in a;
 * NULL when it builds none in the tree. Safe in a worker. */
static const struct m_dockerfile *service_model(struct arena *a, const struct c_service *sv,
						 struct service_df *out)
{
	struct df_file *df;
	struct m_dockerfile *m;
	struct df_error err;
	const char *path = sv->build_dockerfile.s, *why;
	struct stat st;
	size_t len;
	char *buf;

	memset(out, 0, sizeof(*out));
	if (!sv->build_context.s || !path)
		return NULL;
	/* Compose loads a project whose Dockerfiles are elsewhere (a remote
	 * context, a checkout without them): only `build` would fail. */
	if (stat(path, &st) < 0 || !S_ISREG(st.st_mode))
		return NULL;
	*out = (struct service_df){ path, { st.st_dev, st.st_ino }, true };
	buf = read_file(a, path, &len, &why);
	if (!buf || memchr(buf, '\0', len))
		return NULL;
	df = arena_alloc(a, sizeof(*df));
	m = arena_alloc(a, sizeof(*m));
	if (df_parse(a, display_path(a, path), buf, len, df, &err) < 0 ||
	    model_build(a, df, sv->build_context.s, m, &err) < 0)
		return NULL;
	return m;
}

/* Checks a service's Dockerfile, unless some path reached it before. */
static void check_service_dockerfile(struct run *run, const struct service_df *sd)
{
	struct input in;
	const char *slash;

	if (!sd->found || !first_visit(run, sd->path, &sd->id))
		return;
	in = (struct input){ .kind = INPUT_DOCKERFILE, .path = sd->path,
			     .display = display_path(&run->a, sd->path), .has_id = true,
			     .id = sd->id };
	slash = strrchr(sd->path, '/');
	in.dir = slash ? arena_strndup(&run->a, sd->path, (size_t)(slash - sd->path)) : ".";
	if (!config_excluded(&run->cfg, in.display))
		check_dockerfile(run, &run->r, &in);
}

/* One compose project: its files; once the pool is done, the project, its
 * services' Dockerfiles, and where the load's findings (f0..fa, errors
 * e0..e1) and the rules' (fa..f1) are in the worker's report. */
struct compose_job {
	const char **files;
	size_t nfiles;
	struct c_project *p;
	const struct m_dockerfile **dfs;
	struct service_df *sdf;
	int rc;
	const struct report *wr;
	size_t f0, fa, f1, e0, e1;
};

struct compose_jobs {
	struct compose_job *v;
	size_t n, cap;
};

static void add_job(struct run *run, struct compose_jobs *jobs, const char *const *files,
		    size_t nfiles)
{
	struct compose_job *j = ARENA_PUSH(&run->a, jobs->v, jobs->n, jobs->cap);

	/* A copy: callers pass arrays of their own stack. */
	j->files = arena_alloc(&run->a, nfiles * sizeof(*j->files));
	memcpy(j->files, files, nfiles * sizeof(*j->files));
	j->nfiles = nfiles;
}

/* A project needs nothing from the others to be loaded and checked: the
 * pool does that. Only what crosses projects, the Dockerfiles services
 * build (each checked once), waits for the merge, in project order. */
static void check_one_project(const struct run *run, struct report *r, size_t i, void *ctx)
{
	struct compose_job *j = &((struct compose_jobs *)ctx)->v[i];
	struct compose_opts co = {
		.files = j->files, .nfiles = j->nfiles,
		.project_dir = run->o.project_dir,
		.env_files = run->o.env_files.v, .nenv_files = run->o.env_files.n,
		.profiles = run->o.profiles.v, .nprofiles = run->o.profiles.n,
	};
	struct suppress_opts so = { run->o.require_reasons, rule_wanted, (void *)run };
	struct c_project *p = arena_alloc(r->a, sizeof(*p));

	j->p = p;
	j->wr = r;
	j->f0 = r->nfindings;
	j->e0 = r->nerrors;
	j->rc = compose_load(r->a, &co, p, r);
	j->fa = j->f1 = r->nfindings;
	j->e1 = r->nerrors;
	if (j->rc < 0)
		return;
	r->layers |= LAYER_COMPOSE;
	j->dfs = arena_alloc(r->a, (p->nservices + 1) * sizeof(*j->dfs));
	j->sdf = arena_alloc(r->a, (p->nservices + 1) * sizeof(*j->sdf));
	for (size_t k = 0; k < p->nservices; k++)
		j->dfs[k] = service_model(r->a, &p->services[k], &j->sdf[k]);
	rules_check_compose(r, p, j->dfs, &run->cfg);
	/* Suppressions and fingerprints, file by file of the project. */
	for (size_t k = 0; k < p->nfiles; k++) {
		/* The text the loader read: a file changed since is not read
		 * again, so positions and comments agree. */
		if (!p->texts[k])
			continue;
		suppress_yaml(r, j->fa, p->files[k], p->texts[k], p->lens[k], &so);
		report_fingerprint(r, j->fa, p->files[k], p->texts[k], p->lens[k]);
	}
	j->f1 = r->nfindings;
	j->e1 = r->nerrors;
}

/* Compose projects: -f (or COMPOSE_FILE) names one; otherwise every folder
 * walked is a possible project, loaded as `docker compose` would load it
 * there, and each variant file as base + variant. */
static void check_compose(struct run *run, const struct input_list *inputs)
{
	struct compose_jobs jobs = { 0 };
	size_t nw;

	if (run->o.files.n) {
		add_job(run, &jobs, run->o.files.v, run->o.files.n);
	} else {
		for (size_t k = 0; k < inputs->n; k++)
			if (inputs->v[k].kind == INPUT_COMPOSE &&
			    !config_excluded(&run->cfg, inputs->v[k].display))
				add_job(run, &jobs, &inputs->v[k].path, 1);
		for (size_t k = 0; k < inputs->ndirs; k++) {
			const struct dir_node *dn = inputs->dirs[k];
			struct compose_discovery d;
			const char *files[2];

			if (config_excluded(&run->cfg, display_path(&run->a, dn->path)))
				continue;
			compose_discover_listed(&run->a, dn->path, dn->ents, dn->n, &d, &run->r);
			if (d.base) {
				files[0] = d.base;
				files[1] = d.override;
				add_job(run, &jobs, files, d.override ? 2 : 1);
			}
			for (size_t v = 0; v < d.nvariants; v++) {
				files[0] = d.base ? d.base : d.variants[v];
				files[1] = d.variants[v];
				add_job(run, &jobs, files, d.base ? 2 : 1);
			}
		}
	}
	if (!jobs.n)
		return;
	run_pool(run, jobs.n, check_one_project, &jobs, &nw);
	/* In project order, as one thread would have reported: the load's
	 * findings, the Dockerfiles' own, then the rules'. */
	for (size_t i = 0; i < jobs.n; i++) {
		struct compose_job *j = &jobs.v[i];

		merge(run, j->wr, j->f0, j->fa, j->e0, j->e1);
		if (j->rc < 0)
			continue;
		for (size_t k = 0; k < j->p->nservices; k++)
			check_service_dockerfile(run, &j->sdf[k]);
		merge(run, j->wr, j->fa, j->f1, 0, 0);
		{
			size_t n = run->nprojects;

			*ARENA_PUSH(&run->a, run->project_dfs, n, run->capdfs) = j->dfs;
			*ARENA_PUSH(&run->a, run->projects, run->nprojects, run->capprojects) = j->p;
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
		scripts_discover_tree(&run->a, inputs->roots[i], &set);
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
				  config_find(&run.a, config_start(&run.a, paths[0]), &run.r);

		if (cfg && config_load(&run.a, cfg, &run.cfg, &run.r) == 0 &&
		    run.cfg.has_fail_on && !run.o.fail_on_set && !env("SEAWORTHY_FAIL_ON"))
			run.o.fail_on = run.cfg.fail_on;
	}
	if (run.o.baseline)
		baseline_load(&run.a, run.o.baseline, &base, &run.r);

	run.pool = start_pool(&run, paths, npaths);
	discover_stated(&run.a, paths, npaths, stat_paths(&run, paths, npaths), &inputs);
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
	pool_stop(run.pool);
	for (size_t k = 0; k < run.nworker_arenas; k++)
		arena_release(run.worker_arenas[k]);
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
		"  -j, --jobs N           check in N threads (default: one per CPU;\n"
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
