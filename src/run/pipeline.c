/* The pipeline of seaworthy check: discover → load compose projects →
 * parse and model each Dockerfile once → checks (Dockerfile, compose,
 * cross-file, scripts) → findings → the one finish (run/output.c). */
#include <errno.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include "input/discover/purpose.h"
#include "run/pipeline.h"
#include "run/output.h"
#include "input/bake/bake.h"
#include "input/compose/env.h"
#include "input/compose/lower.h"
#include "input/compose/project.h"
#include "util/path.h"
#include "config/config.h"
#include "input/discover/discover.h"
#include "input/dockerfile/ast.h"
#include "findings/baseline.h"
#include "input/dockerfile/model.h"
#include "render/render.h"
#include "checks/crossfile/crossfile.h"
#include "checks/check.h"
#include "checks/dockerfile/helpers.h"
#include "checks/dockerfile/shellcheck.h"
#include "input/scripts/evidence.h"
#include "input/scripts/scripts.h"
#include "spec/image_ref.h"
#include "findings/suppress.h"
#include "util/pool.h"
#include "util/readfile.h"
#include "util/smap.h"
#include "util/str.h"
#include "util/strbuf.h"



struct run {
	struct arena a;
	struct report r;
	struct config_set cfgs;	/* each input's settings, found on this thread */
	/* Line fingerprints are made: a format prints them, or a baseline
	 * is read or written. */
	bool fingerprints;
	/* config_of's last answer: a folder's files are asked in a row */
	const char *cfg_dir;
	size_t cfg_dirlen;
	const struct config *cfg_last;
	struct run_opts o;
	/* Compose files read while planning (compose_standalone), by
	 * display_path: the loader takes their text from here. */
	struct pre_text {
		const char *buf;
		size_t len;
		struct stat st;
	} *pre;
	size_t npre, cappre;
	struct smap pre_idx;
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
	/* Files by name that were no regular file, not checked (a note each). */
	size_t nskipped_df, nskipped_compose;
	/* The folders named on the command line, as displayed: what is above
	 * their own names does not decide what a file is for. */
	const char **roots;
	size_t nroots;
	/* What each root's README says of the whole repository (a demo),
	 * and why: read before any thread asks (purpose_in_run). */
	enum purpose *root_purpose;
	const char **root_why;
	/* The scripts of the folders walked, and what they and the CI files
	 * and READMEs say about how images are built and compose is run. */
	struct script_set scripts;
	struct evidence ev;
	/* The downloads ev shows outside development and test (downloaded()). */
	const struct download_use **downloads;
	size_t ndownloads;
	/* What compose projects are told of their repository (c_project
	 * own_images, repo_names). */
	const char **own_images, **repo_names;
	size_t nown_images, capown_images, nrepo_names;
	/* The same images by whole repository (acme/app): a FROM of one uses
	 * what the repository built (struct df_ship local_images). */
	const char **built_images;
	size_t nbuilt_images, capbuilt_images;
	/* The process environment, read once (process_env()): every compose
	 * project and bake file starts from it. */
	struct env penv;
	bool penv_read;
};

/* Before the workers start, or in the main thread: it fills run. */
static const struct env *process_env(struct run *run)
{
	if (!run->penv_read) {
		env_from_process(&run->a, &run->penv);
		run->penv_read = true;
	}
	return &run->penv;
}

/* An input's settings, for the suppressions of its file. */
struct judged {
	const struct run *run;
	const struct config *cfg;
};

/* Whether a rule's findings are wanted: --select, --ignore, config ignore
 * and enable. */
static bool rule_wanted(const struct rule *rule, void *ctx)
{
	const struct judged *j = ctx;

	return output_rule_wanted(rule, j->run->o.select, j->run->o.ignore, j->cfg);
}

/* The settings of a file of the run: its folder's (config/config.h). */
static const struct config *config_of(struct run *run, const char *path)
{
	const char *slash = strrchr(path, '/');
	size_t n = slash ? (size_t)(slash - path) : 0;

	if (!strcmp(path, "-"))
		return config_for(&run->cfgs, ".");
	/* The folder is path's first n bytes, or "." when it has no slash
	 * (cfg_dirlen is SIZE_MAX then). */
	n = slash ? n : SIZE_MAX;
	if (run->cfg_last && run->cfg_dirlen == n &&
	    (n == SIZE_MAX || !memcmp(run->cfg_dir, path, n)))
		return run->cfg_last;
	run->cfg_last = config_for(&run->cfgs, path_dir(&run->a, path));
	run->cfg_dir = path;
	run->cfg_dirlen = n;
	return run->cfg_last;
}

/* Whether the settings of a file of the run exclude it. */
static bool excluded(struct run *run, const char *path)
{
	return config_excluded(config_of(run, path), display_path(&run->a, path));
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
 * is its identity when the caller has it, else NULL; *out (when not NULL)
 * gets the identity, zero when it is unknown. */
static bool first_visit(struct run *run, const char *path, const struct file_id *known,
			struct file_id *out)
{
	struct file_id id;
	struct stat st;
	size_t i, mask;

	if (out)
		memset(out, 0, sizeof(*out));
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
	if (out)
		*out = id;
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

/* A Dockerfile to check. When a compose service builds it, its build
 * context is the service's and its model is kept, in an arena of its own,
 * for the compose rules; quiet ones (excluded by the config) are only
 * modelled. */
struct df_item {
	struct input in;
	const struct config *cfg;		/* its settings */
	bool keep, quiet;
	struct arena *arena;			/* keep: lives until the run ends */
	const struct m_dockerfile *model;	/* keep: NULL when it failed */
	enum purpose purpose;			/* set by the check */
	bool template;				/* its text is a template */
	const char *purpose_why;
	const char *part_of;			/* the compose services that build it */
	/* What builds it (compose services, bake targets, build commands):
	 * the stages that ship. */
	struct df_ship *ships;
	size_t nships, capships;
	bool dir_given;				/* in.dir is a build's context */
	size_t nshipped;			/* stages judged */
	struct report_note *notes;		/* about it (an unknown target) */
	size_t nnotes;
	/* The repositories its build commands tag it with (acme/app), and
	 * why it is only a build input: every one of them is only read by
	 * COPY --from of other Dockerfiles. */
	const char **tags;
	size_t ntags, captags;
	const char *artifact_why;
	/* The first build command or bake target that ships it to
	 * production ("build-push-action at release.yml:8"), or NULL; and
	 * why nothing the repository runs builds it although such a build
	 * names a Dockerfile beside it: a variant it does not ship. */
	const char *shipped_by, *unbuilt_why;
};

/* How many bytes of a display path lie above the own name of the folder
 * named on the command line it was found in ("examples/" of
 * examples/webapp/compose.yaml when examples/webapp was named). */
static size_t above_root(const struct run *run, const char *path)
{
	size_t best = 0;

	for (size_t k = 0; k < run->nroots; k++) {
		const char *root = run->roots[k], *slash;
		size_t n = strlen(root);

		if (strcmp(root, ".") && !strncmp(path, root, n) && path[n] == '/' &&
		    (slash = strrchr(root, '/')) && (size_t)(slash - root) + 1 > best)
			best = (size_t)(slash - root) + 1;
	}
	return best;
}

/* The folder named on the command line that holds the display path,
 * the deepest one; "." when none does. */
static const char *root_of(const struct run *run, const char *path)
{
	const char *best = ".";
	size_t n, bestn = 0;

	for (size_t k = 0; k < run->nroots; k++) {
		const char *root = run->roots[k];

		n = strlen(root);
		if (strcmp(root, ".") && !strncmp(path, root, n) &&
		    (path[n] == '/' || !path[n]) && n > bestn) {
			best = root;
			bestn = n;
		}
	}
	return best;
}

/* The download of path that its repository's README or scripts show
 * (wget https://raw.githubusercontent.com/OWNER/REPO/REF/path), in a part
 * that is not about development or tests (run->downloads); NULL if none. */
static const struct download_use *downloaded(const struct run *run, const char *path)
{
	const char *root = root_of(run, path), *rel = path;
	size_t rl, tl;

	if (strcmp(root, "."))
		rel = path + strlen(root) + (path[strlen(root)] == '/');
	rl = strlen(rel);
	for (size_t i = 0; i < run->ndownloads; i++) {
		const struct download_use *d = run->downloads[i];

		tl = strlen(d->tail);
		if (!strcmp(root_of(run, d->at.file), root) && tl > rl &&
		    d->tail[tl - rl - 1] == '/' && !strcmp(d->tail + tl - rl, rel))
			return d;
	}
	return NULL;
}

/* What a file found by the run is for (input/discover/purpose.h), by the
 * settings cfg. */
static enum purpose purpose_in_run(const struct run *run, const struct config *cfg,
				   struct arena *a, const char *path, const char *text,
				   size_t len, const char **why)
{
	enum purpose p = purpose_of_file_under(a, cfg, path, above_root(run, path), text, len,
					       why);
	const struct download_use *d;
	const char *root;

	/* An example the docs tell users to download and run as it is
	 * (docs/install/docker/plain/docker-compose.yml) is a deployment. */
	if (p == PURPOSE_EXAMPLE && run->ndownloads && (d = downloaded(run, path))) {
		*why = arena_printf(a, "downloaded as is by %s:%u", d->at.file, d->at.line);
		return PURPOSE_PRODUCTION;
	}

	/* Nothing about the file itself: what its repository is for. */
	if (p != PURPOSE_PRODUCTION || *why || !run->root_purpose)
		return p;
	root = root_of(run, path);
	for (size_t k = 0; k < run->nroots; k++)
		if (run->roots[k] == root || (!strcmp(root, ".") && !strcmp(run->roots[k], ".")))
			if (run->root_purpose[k] != PURPOSE_PRODUCTION) {
				*why = run->root_why[k];
				return run->root_purpose[k];
			}
	return p;
}

static bool dir_has(const void *listing, const char *name);

/* What the README of each folder named on the command line says of the
 * whole repository (input/discover/purpose.h). */
static void read_root_readmes(struct run *run, const struct input_list *inputs)
{
	static const char *const names[] = { "README.md", "README", "readme.md", "README.rst",
					     "Readme.md", NULL };

	run->root_purpose = arena_alloc(&run->a, (run->nroots + 1) * sizeof(*run->root_purpose));
	run->root_why = arena_alloc(&run->a, (run->nroots + 1) * sizeof(*run->root_why));
	for (size_t k = 0; k < run->nroots; k++) {
		run->root_purpose[k] = PURPOSE_PRODUCTION;
		run->root_why[k] = NULL;
		for (size_t i = 0; names[i]; i++) {
			const char *path = arena_printf(&run->a, "%s/%s", inputs->roots[k]->path,
							names[i]), *why, *said;
			size_t len;
			char *buf;

			if (!dir_has(inputs->roots[k], names[i]))
				continue;
			if (!(buf = read_file(&run->a, path, &len, &why)))
				break;
			run->root_purpose[k] = purpose_of_readme(buf, len < 8192 ? len : 8192, &said);
			if (said)
				run->root_why[k] = arena_printf(&run->a, "%s%s%s's %s: a demonstration",
								strcmp(run->roots[k], ".") ?
								run->roots[k] : "",
								strcmp(run->roots[k], ".") ? "/" : "",
								names[i], said);
			break;
		}
	}
}

/* Takes the notes r gained since n0 out of r, as a copy in r's arena: the
 * caller says them once, in the run's report (*n gets how many). */
static struct report_note *take_notes(struct report *r, size_t n0, size_t *n)
{
	struct report_note *v;

	*n = r->nnotes - n0;
	v = arena_alloc(r->a, (*n + 1) * sizeof(*v));
	if (*n)
		memcpy(v, r->notes + n0, *n * sizeof(*v));
	report_notes_cut(r, n0);
	return v;
}

/* Checks one Dockerfile into r. Worker threads call it at once, each with
 * its own report: it only reads run's settings. */
static void check_dockerfile(const struct run *run, struct report *r, struct df_item *it)
{
	struct arena scratch = ARENA_INIT, *a = it->keep ? it->arena : &scratch;
	const struct input *in = &it->in;
	struct judged jd = { run, it->cfg };
	struct suppress_opts so = { run->o.require_reasons, rule_wanted, &jd };
	struct df_file *df = arena_alloc(a, sizeof(*df));
	struct m_dockerfile *m = arena_alloc(a, sizeof(*m));
	struct df_error err;
	const char *why, *bad;
	unsigned line = 0;
	size_t len, first;
	char *buf = in->has_size ? read_file_sized(a, in->path, in->size, &len, &why) :
				   read_file(a, in->path, &len, &why);

	if (!buf) {
		if (!it->quiet)
			report_error(r, in->display, 0, "cannot read: %s", why);
		goto out;
	}
	it->purpose = purpose_in_run(run, it->cfg, r->a, in->display, buf, len, &it->purpose_why);
	if (!it->purpose_why && it->artifact_why) {
		it->purpose = PURPOSE_CI;
		it->purpose_why = it->artifact_why;
	}
	if (!it->purpose_why && it->unbuilt_why) {
		it->purpose = PURPOSE_EXAMPLE;
		it->purpose_why = it->unbuilt_why;
	}
	/* Nothing in its path says, but only development, test or CI stacks
	 * build it: it is theirs. Not a plain Dockerfile: what a registry or
	 * a pipeline outside the repository builds is most often that one. */
	if (!it->purpose_why && it->nships) {
		enum purpose all = it->ships[0].purpose;

		for (size_t k = 1; k < it->nships; k++)
			if (it->ships[k].purpose == PURPOSE_PRODUCTION)
				all = PURPOSE_PRODUCTION;
		if (all == PURPOSE_PRODUCTION) {
		} else if (strcmp(path_base(r->a, in->display), "Dockerfile") &&
			   strcmp(path_base(r->a, in->display), "Containerfile")) {
			it->purpose = all;
			it->purpose_why = "only non-production builds use it";
		} else {
			/* Its last stage still ships, as those outside builds make it. */
			*ARENA_PUSH(r->a, it->ships, it->nships, it->capships) =
				(struct df_ship){ .purpose = PURPOSE_PRODUCTION };
		}
	}
	if ((bad = not_text(buf, len, &line))) {
		if (!it->quiet)
			report_error(r, in->display, line, "%s", bad);
		goto out;
	}
	if (input_looks_like_template(buf, len)) {
		it->template = true;	/* rendered by a tool first: not Docker's to read */
		goto out;
	}
	if (df_parse(a, in->display, buf, len, df, &err) < 0 ||
	    model_build(a, df, in->dir, m, &err) < 0) {
		if (!it->quiet)
			report_error(r, in->display, err.line, "%s", err.msg);
		goto out;
	}
	m->root = root_of(run, in->display);
	it->model = m;
	if (it->quiet)
		goto out;
	r->layers |= LAYER_DOCKERFILE;
	first = r->nfindings;
	{
		size_t n0 = r->nnotes;

		/* Several rules ask what each command does with packages. */
		cmd_pm_memo(true);
		r->rule_wanted = rule_wanted;
		r->rule_wanted_ctx = &jd;
		r->rule_wanted_key = it->cfg;	/* run's options are the same throughout */
		it->nshipped = rules_check_dockerfile(r, m, it->cfg, it->ships, it->nships);
		r->rule_wanted = NULL;
		cmd_pm_memo(false);
		/* Said once, in the run's report (the worker's holds its strings). */
		it->notes = take_notes(r, n0, &it->nnotes);
	}
	if (suppress_mentioned(buf, len)) {
		struct stmt_span *sp = arena_alloc(a, (df->nnodes + 1) * sizeof(*sp));

		for (size_t k = 0; k < df->nnodes; k++)
			sp[k] = (struct stmt_span){ df->nodes[k].start.line, df->nodes[k].end_line,
						    !strcmp(df->nodes[k].name, "from") };
		suppress_statements(r, first, in->display, buf, len, df->nlines, sp, df->nnodes,
				    &so);
	} else {
		suppress_statements(r, first, in->display, buf, 0, df->nlines, NULL, 0, &so);
	}
	if (run->fingerprints)
		report_fingerprint(r, first, NULL, buf, len);
	/* A stage's own purpose (a test stage) is the more specific. */
	for (size_t k = first; k < r->nfindings; k++) {
		if (r->findings[k].purpose == PURPOSE_PRODUCTION)
			r->findings[k].purpose = it->purpose;
		r->findings[k].config = it->cfg;
	}
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

	if (jobs <= 0)
		jobs = (long)cpu_count();
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

/* compose_opts.preread: the text compose_standalone read. */
static const char *preread(void *ctx, const char *path, size_t *len, struct stat *st)
{
	const struct run *run = ctx;
	const size_t *i = smap_find(&run->pre_idx, path);

	if (!i)
		return NULL;
	*len = run->pre[*i].len;
	*st = run->pre[*i].st;
	return run->pre[*i].buf;
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
	for (size_t i = 0; i < wr->nredact; i++)
		report_redact(r, wr->redact[i].name, wr->redact[i].value);
	r->layers |= wr->layers;
}

/* Room for the findings and errors of the workers w[0..nw), made at once:
 * fresh pages fault one by one, and growing by doubling touches each
 * size on the way. */
static void reserve_merge(struct run *run, const struct worker *w, size_t nw)
{
	struct report *r = &run->r;
	size_t nf = 0, ne = 0;

	for (size_t k = 0; k < nw; k++) {
		nf += w[k].r.nfindings;
		ne += w[k].r.nerrors;
	}
	ARENA_RESERVE(r->a, r->findings, r->nfindings, r->capfindings, nf);
	ARENA_RESERVE(r->a, r->errors, r->nerrors, r->caperrors, ne);
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

/* The stat of every path given, once for the confinement and the walk:
 * made by the pool when there are many (one system call each, and the
 * walk waits for them). */
static const struct path_stat *stat_paths(struct run *run, const char *const *paths, size_t n)
{
	struct stat_job j = { paths, NULL, n, pool_size(run->pool) + 1 };

	j.out = arena_alloc(&run->a, (n ? n : 1) * sizeof(*j.out));
	if (j.k < 2 || n < 64)
		j.k = 1, stat_slice(&j, 0);
	else
		pool_run(run->pool, j.k, stat_slice, &j);
	return j.out;
}

/* One compose project: its files; after the load, the project and the
 * Dockerfile each service builds; after the rules, where the load's
 * findings (lf0..lf1, errors le0..le1, in lr) and the rules' (rf0..rf1, in
 * rr) are. */
struct compose_job {
	const char **files;
	size_t nfiles;
	struct c_project *p;
	struct service_df {
		const char *path;
		struct file_id id;
		bool found;
	} *sdf;
	const struct m_dockerfile **dfs;
	int rc;
	const struct report *lr, *rr;
	size_t lf0, lf1, le0, le1, rf0, rf1;
	/* What each of its files is for, and so the project: the first of its
	 * files that is not for production decides (a dev overlay). */
	enum purpose *file_purpose, purpose;
	const char **file_why;
	bool template;		/* not loaded: one of its files is a template */
	bool swarm;		/* the repository deploys it with docker stack deploy */
	const struct config *cfg;	/* its settings: its first file's */
	struct report_note *notes;	/* the loader's, said by record_project */
	size_t nnotes;
};

struct compose_jobs {
	struct compose_job *v;
	size_t n, cap;
};

/* The Dockerfiles of the run: discovered, and built by compose services. */
struct df_items {
	struct df_item *v;
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
	j->cfg = config_of(run, files[0]);
}

/* Every file of the project is for q, as why says (a sign in the project
 * itself, when none of its files says what it is for). */
static void project_is(struct compose_job *j, const struct c_project *p, enum purpose q,
		       const char *why)
{
	j->purpose = q;
	for (size_t k = 0; k < p->nfiles; k++) {
		j->file_purpose[k] = q;
		j->file_why[k] = why;
	}
}

/* Loads a project, and finds each service's Dockerfile (a regular file:
 * Compose loads a project whose Dockerfiles are elsewhere, a remote
 * context, a checkout without them; only `build` would fail). */
static void load_project(const struct run *run, struct report *r, size_t i, void *ctx)
{
	struct compose_job *j = &((struct compose_jobs *)ctx)->v[i];
	struct compose_opts co = {
		.files = j->files, .nfiles = j->nfiles,
		.project_dir = run->o.project_dir,
		.env_files = run->o.env_files.v, .nenv_files = run->o.env_files.n,
		.profiles = run->o.profiles.v, .nprofiles = run->o.profiles.n,
		.checkout = true, .process_env = &run->penv,
		.preread = preread, .preread_ctx = (void *)run,
	};
	struct c_project *p = arena_alloc(r->a, sizeof(*p));
	const struct c_volume *mnt;
	bool decided = false;
	struct stat st;

	j->p = p;
	j->lr = r;
	j->lf0 = r->nfindings;
	j->le0 = r->nerrors;
	{
		size_t n0 = r->nnotes;

		j->rc = compose_load(r->a, &co, p, r);
		j->notes = take_notes(r, n0, &j->nnotes);
	}
	j->lf1 = r->nfindings;
	j->le1 = r->nerrors;
	for (size_t k = j->lf0; k < j->lf1; k++)
		r->findings[k].config = j->cfg;
	p->swarm = j->swarm;
	p->own_images = run->own_images;
	p->nown_images = run->nown_images;
	p->repo_names = run->repo_names;
	p->nrepo_names = run->nrepo_names;
	if (j->rc < 0) {
		/* A template that failed to load is no input error: a tool
		 * renders it before Compose reads it. */
		for (size_t k = 0; k < j->nfiles && !j->template; k++) {
			const char *why;
			size_t len;
			char *buf = read_file(r->a, j->files[k], &len, &why);

			j->template = buf && input_looks_like_template(buf, len);
		}
		if (j->template) {
			r->nfindings = j->lf1 = j->lf0;
			r->nerrors = j->le1 = j->le0;
		}
		return;
	}
	j->purpose = PURPOSE_PRODUCTION;
	j->file_purpose = arena_alloc(r->a, (p->nfiles + 1) * sizeof(*j->file_purpose));
	j->file_why = arena_alloc(r->a, (p->nfiles + 1) * sizeof(*j->file_why));
	for (size_t k = 0; k < p->nfiles; k++) {
		j->file_purpose[k] = purpose_in_run(run, j->cfg, r->a, p->files[k], p->texts[k],
						    p->lens[k], &j->file_why[k]);
		if (j->purpose == PURPOSE_PRODUCTION)
			j->purpose = j->file_purpose[k];
		decided |= j->file_why[k] != NULL;
	}
	/* Nothing said what the files are for, but a service mounts the
	 * source tree over its code: a development stack. */
	if (!decided && (mnt = compose_mounts_project(p))) {
		project_is(j, p, PURPOSE_DEVELOPMENT,
			   arena_printf(r->a, "%s:%u mounts the project folder on %s",
					mnt->pos.file, mnt->pos.line, mnt->target));
		decided = true;
	}
	/* Nor did anything say, but a service tags what it builds mealie:dev
	 * or app:test: the build is that stack's. */
	for (size_t k = 0; !decided && k < p->nservices; k++) {
		const struct c_service *sv = &p->services[k];
		const char *tag = sv->build_context.s && sv->image.s ?
			image_ref_tag(r->a, sv->image.s) : NULL;
		enum purpose q = tag ? purpose_of_word(tag, strlen(tag)) : PURPOSE_PRODUCTION;

		if (q == PURPOSE_PRODUCTION)
			continue;
		project_is(j, p, q, arena_printf(r->a, "%s:%u: service %s builds image %s",
						 sv->image.pos.file, sv->image.pos.line, sv->name,
						 sv->image.s));
		decided = true;
	}
	for (size_t k = j->lf0; k < j->lf1; k++)
		r->findings[k].purpose = j->purpose;
	r->layers |= LAYER_COMPOSE;
	j->sdf = arena_alloc(r->a, (p->nservices + 1) * sizeof(*j->sdf));
	j->dfs = arena_alloc(r->a, (p->nservices + 1) * sizeof(*j->dfs));
	for (size_t k = 0; k < p->nservices; k++) {
		const struct c_service *sv = &p->services[k];
		const char *path = sv->build_dockerfile.s;

		memset(&j->sdf[k], 0, sizeof(j->sdf[k]));
		if (sv->build_context.s && path && stat(path, &st) == 0 && S_ISREG(st.st_mode))
			j->sdf[k] = (struct service_df){ path, { st.st_dev, st.st_ino }, true };
	}
}

/* The compose rules of a loaded project, with the models of the
 * Dockerfiles its services build; then its suppressions and fingerprints,
 * file by file. */
static void check_project(const struct run *run, struct report *r, size_t i, void *ctx)
{
	struct compose_job *j = ((struct compose_job **)ctx)[i];
	struct judged jd = { run, j->cfg };
	struct suppress_opts so = { run->o.require_reasons, rule_wanted, &jd };
	const struct c_project *p = j->p;

	j->rr = r;
	j->rf0 = r->nfindings;
	r->rule_wanted = rule_wanted;
	r->rule_wanted_ctx = &jd;
	r->rule_wanted_key = j->cfg;
	rules_check_compose(r, p, j->dfs, j->cfg);
	r->rule_wanted = NULL;
	for (size_t k = 0; k < p->nfiles; k++) {
		/* The text the loader read: a file changed since is not read
		 * again, so positions and comments agree. */
		if (!p->texts[k])
			continue;
		suppress_yaml(r, j->rf0, p->files[k], p->texts[k], p->lens[k], &so);
		if (run->fingerprints)
			report_fingerprint(r, j->rf0, p->files[k], p->texts[k], p->lens[k]);
	}
	j->rf1 = r->nfindings;
	/* A service's own purpose (its profiles) is the more specific. */
	for (size_t k = j->rf0; k < j->rf1; k++) {
		if (r->findings[k].purpose == PURPOSE_PRODUCTION)
			r->findings[k].purpose = j->purpose;
		r->findings[k].config = j->cfg;
	}
}

static void check_item(const struct run *run, struct report *r, size_t i, void *ctx)
{
	check_dockerfile(run, r, &((struct df_items *)ctx)->v[i]);
}

/* Whether a compose file can stand alone: it defines services, each with an
 * image, a build or an extends. One whose services only add keys is a
 * fragment, for the files it is laid over. A scan of the lines, not a
 * parse (the loader parses it once, later): block style as written; flow
 * style, merge keys, several documents and anything unclear count as
 * standing alone. */
static const char fragment_why[] = "a fragment (its services only add keys), for files no "
				   "script or README combines it with";

/* Accounts for a compose file not checked, and why. */
static void skip_compose(struct run *run, const char *path, const char *why_skipped)
{
	const char *shown = display_path(&run->a, path), *why;
	enum purpose p = purpose_in_run(run, config_of(run, path), &run->a, shown, NULL, 0, &why);

	report_input(&run->r, &(struct input_record){ .path = shown, .kind = "compose",
		.purpose = p, .purpose_why = why, .skipped = why_skipped });
}

/* Whether p (at a '{') to eol is `{}`, then at most a comment. */
static bool empty_flow_map(const char *p, const char *eol)
{
	p++;
	while (p < eol && (*p == ' ' || *p == '\t'))
		p++;
	if (p == eol || *p++ != '}')
		return false;
	while (p < eol && (*p == ' ' || *p == '\t' || *p == '\r'))
		p++;
	return p == eol || *p == '#';
}

/* Whether the compose file text buf stands alone (every service has an
 * image, a build or extends), or only adds keys to a base's services. */
static bool standalone_text(const char *buf, size_t len)
{
	const char *p, *end;
	size_t svc_indent = 0, child = 0;
	bool in_services = false, in_service = false, has = true, body = false;

	for (p = buf, end = buf + len; p < end;) {
		const char *eol = memchr(p, '\n', (size_t)(end - p)), *t = p;
		size_t indent;

		eol = eol ? eol : end;
		while (t < eol && *t == ' ')
			t++;
		indent = (size_t)(t - p);
		p = eol + 1;
		if (t == eol || *t == '#' || *t == '\r')
			continue;
		if (!indent) {
			/* documents merged in order: unclear, so standing alone */
			if (!strncmp(t, "---", 3) && body)
				return true;
			body = true;
			if (in_service && !has)
				return false;
			in_services = !strncmp(t, "services:", 9);
			in_service = false;
			svc_indent = child = 0;
			continue;
		}
		if (!in_services)
			continue;
		if (!svc_indent)
			svc_indent = indent;
		if (indent == svc_indent) {
			if (in_service && !has)
				return false;
			in_service = true;
			/* flow style stands alone, unless it is `{}` */
			has = memchr(t, '{', (size_t)(eol - t)) != NULL &&
			      !empty_flow_map(memchr(t, '{', (size_t)(eol - t)), eol);
			child = 0;
			continue;
		}
		if (!in_service || indent < svc_indent)
			continue;
		if (!child)
			child = indent;
		if (indent == child && (!strncmp(t, "image:", 6) || !strncmp(t, "build:", 6) ||
					!strncmp(t, "extends:", 8) || !strncmp(t, "<<:", 3)))
			has = true;
	}
	return !(in_service && !has);
}

/* The compose files whose standing alone decides how they are loaded,
 * read by the pool (a read each: many folders have one) and kept for the
 * loader (preread). */
struct standalone_jobs {
	struct standalone_job {
		const char *path;
		const char *buf;	/* in a worker's arena; NULL: not read */
		size_t len;
		struct stat st;
		bool alone;
	} *v;
	size_t n, cap;
};

static void read_standalone(const struct run *run, struct report *r, size_t i, void *ctx)
{
	struct standalone_job *j = &((struct standalone_jobs *)ctx)->v[i];
	const char *why;
	char *buf = read_file_st(r->a, j->path, &j->len, &why, &j->st);

	(void)run;
	j->buf = buf;
	/* Unread: loaded alone, so its error is said. */
	j->alone = !buf || standalone_text(buf, j->len);
}

static void standalone_all(struct run *run, struct standalone_jobs *sj)
{
	size_t nw;

	if (!sj->n)
		return;
	run_pool(run, sj->n, read_standalone, sj, &nw);
	for (size_t i = 0; i < sj->n; i++) {
		const struct standalone_job *j = &sj->v[i];

		if (!j->buf)
			continue;
		*ARENA_PUSH(&run->a, run->pre, run->npre, run->cappre) =
			(struct pre_text){ .buf = j->buf, .len = j->len, .st = j->st };
		smap_put(&run->pre_idx, display_path(&run->a, path_clean(&run->a, j->path)),
			 run->npre - 1);
	}
}

/* The -f combination the repository uses with file (scripts, CI, READMEs,
 * COMPOSE_FILE), when there is one of several files that all exist:
 * *files gets them in order. */
static size_t compose_combination(struct run *run, const char *file, const char ***files)
{
	const char *want = path_clean(&run->a, file);

	for (size_t i = 0; i < run->ev.ncomposes; i++) {
		const struct compose_use *u = &run->ev.composes[i];
		bool has = false, ok = u->nfiles > 1;
		struct stat st;

		for (size_t k = 0; ok && k < u->nfiles; k++) {
			ok = u->files[k].known && u->files[k].s && !stat(u->files[k].s, &st) &&
			     S_ISREG(st.st_mode);
			has = has || (ok && !strcmp(path_clean(&run->a, u->files[k].s), want));
		}
		if (!ok || !has)
			continue;
		*files = arena_alloc(&run->a, u->nfiles * sizeof(**files));
		for (size_t k = 0; k < u->nfiles; k++)
			(*files)[k] = u->files[k].s;
		return u->nfiles;
	}
	return 0;
}

/* The job with exactly these files, or NULL. */
static struct compose_job *find_job(struct run *run, const struct compose_jobs *jobs,
				    const char *const *files, size_t n)
{
	for (size_t i = 0; i < jobs->n; i++) {
		size_t k = 0;

		if (jobs->v[i].nfiles != n)
			continue;
		while (k < n && !strcmp(path_clean(&run->a, jobs->v[i].files[k]),
					path_clean(&run->a, files[k])))
			k++;
		if (k == n)
			return &jobs->v[i];
	}
	return NULL;
}


/* Compose projects: -f (or COMPOSE_FILE) names one; otherwise every folder
 * walked is a possible project, loaded as `docker compose` would load it
 * there, and each variant file as base + variant. */
static void find_projects(struct run *run, const struct input_list *inputs,
			  struct compose_jobs *jobs)
{
	struct standalone_jobs sj = { 0 };
	struct compose_discovery *ds;

	if (run->o.files.n) {
		add_job(run, jobs, run->o.files.v, run->o.files.n);
		return;
	}
	for (size_t k = 0; k < inputs->n; k++)
		if (inputs->v[k].kind == INPUT_COMPOSE && !excluded(run, inputs->v[k].path))
			add_job(run, jobs, &inputs->v[k].path, 1);
	ds = arena_alloc(&run->a, (inputs->ndirs + 1) * sizeof(*ds));
	for (size_t k = 0; k < inputs->ndirs; k++) {
		const struct dir_node *dn = inputs->dirs[k];
		struct compose_discovery *d = &ds[k];

		if (config_excluded(config_for(&run->cfgs, dn->path), display_path(&run->a, dn->path)))
			continue;
		compose_discover_listed(&run->a, dn->path, dn->ents, dn->n, d, &run->r);
		run->nskipped_compose += d->nskipped;
		if (d->base && !d->override)
			*ARENA_PUSH(&run->a, sj.v, sj.n, sj.cap) =
				(struct standalone_job){ .path = d->base };
		for (size_t v = 0; v < d->nvariants; v++)
			*ARENA_PUSH(&run->a, sj.v, sj.n, sj.cap) =
				(struct standalone_job){ .path = d->variants[v] };
	}
	standalone_all(run, &sj);
	for (size_t k = 0, next = 0; k < inputs->ndirs; k++) {
		const struct compose_discovery d = ds[k];
		const char *files[2];

		if (d.base && !d.override && !sj.v[next++].alone) {
			/* ci/basic/compose.yaml, for COMPOSE_FILE=compose.yaml:ci/base.yaml:... */
			const char **combo;
			size_t n = compose_combination(run, d.base, &combo);

			if (n && !find_job(run, jobs, combo, n))
				add_job(run, jobs, combo, n);
			else if (!n)
				skip_compose(run, d.base, fragment_why);
		} else if (d.base) {
			/* The override a README says to copy from its .example, which
			 * the deployment has and the checkout does not. */
			files[0] = d.base;
			files[1] = d.override ? d.override : d.override_example;
			add_job(run, jobs, files, files[1] ? 2 : 1);
		} else if (d.override) {
			const char **combo;
			size_t n = compose_combination(run, d.override, &combo);

			if (n && !find_job(run, jobs, combo, n))
				add_job(run, jobs, combo, n);
			else if (!n)
				skip_compose(run, d.override, "a fragment (an override file with no "
					     "base beside it), for files no script or README "
					     "combines it with");
		}
		/* Each other file: with the files the repository uses it with;
		 * else alone when it stands alone (an alternative, not an
		 * overlay); else over the folder's base; a fragment with no
		 * base is for a combination the repository does not show. */
		for (size_t v = 0; v < d.nvariants; v++) {
			const char **combo;
			size_t n = compose_combination(run, d.variants[v], &combo);
			bool alone = sj.v[next++].alone;

			if (n) {
				if (!find_job(run, jobs, combo, n))
					add_job(run, jobs, combo, n);
				continue;
			}
			files[0] = d.base ? d.base : d.variants[v];
			files[1] = d.variants[v];
			if (!d.base || alone) {
				if (alone)
					add_job(run, jobs, &files[1], 1);
				else
					skip_compose(run, d.variants[v], fragment_why);
				continue;
			}
			add_job(run, jobs, files, 2);
		}
	}
	/* Files the repository runs compose with whose names discovery does
	 * not know (docker compose -f pwd.yml up, COMPOSE_FILE=deploy/app.yml):
	 * loaded as it names them. */
	for (size_t i = 0; i < run->ev.ncomposes; i++) {
		const struct compose_use *u = &run->ev.composes[i];
		const char **files = arena_alloc(&run->a, (u->nfiles + 1) * sizeof(*files));
		bool ok = u->nfiles > 0, unknown_name = false;
		struct compose_job *job;
		struct stat st;

		for (size_t k = 0; ok && k < u->nfiles; k++) {
			ok = u->files[k].known && u->files[k].s && !stat(u->files[k].s, &st) &&
			     S_ISREG(st.st_mode) && !excluded(run, u->files[k].s);
			files[k] = u->files[k].s;
			unknown_name = unknown_name || input_kind_of(u->files[k].s) != INPUT_COMPOSE;
		}
		if (ok && unknown_name && !find_job(run, jobs, files, u->nfiles))
			add_job(run, jobs, files, u->nfiles);
		if (ok && u->tool && !strcmp(u->tool, "docker stack deploy") &&
		    (job = find_job(run, jobs, files, u->nfiles)))
			job->swarm = true;	/* Swarm restarts its tasks */
	}
}

/* The item of a Dockerfile by identity, or NULL. */
static struct df_item *item_of(struct df_items *items, const struct file_id *id)
{
	for (size_t k = 0; k < items->n; k++)
		if (items->v[k].in.has_id && items->v[k].in.id.dev == id->dev &&
		    items->v[k].in.id.ino == id->ino)
			return &items->v[k];
	return NULL;
}

/* Whether base names the image last: Dockerfile.frontend, frontend.Dockerfile,
 * Dockerfile-frontend, or a plain Dockerfile in a folder named so. */
static bool df_named(struct arena *a, const char *display, const char *last)
{
	const char *base = path_base(a, display);
	size_t n = strlen(last);

	if (str_eq(base, "Dockerfile") || str_eq(base, "Containerfile"))
		return !strcasecmp(path_base(a, path_dir(a, display)), last);
	if (!strncasecmp(base, "Dockerfile", 10) && (base[10] == '.' || base[10] == '-'))
		return !strcasecmp(base + 11, last);
	return !strncasecmp(base, last, n) && !strcasecmp(base + n, ".Dockerfile");
}

/* Whether the Dockerfile at path starts FROM repo itself: an extension of
 * the image the service pulls (FROM bitnami/redis beside image:
 * bitnami/redis), not its source. */
static bool df_extends(struct arena *a, const char *path, const char *repo)
{
	const char *why;
	size_t len;
	char *text = read_file(a, path, &len, &why);
	struct df_file df;
	struct df_error err;

	if (!text || df_parse(a, path, text, len, &df, &err) < 0)
		return false;
	for (size_t i = 0; i < df.nnodes; i++)
		if (str_eq(df.nodes[i].name, "from"))
			return df.nodes[i].nargs &&
			       !strcmp(image_ref_repo(a, df.nodes[i].args[0].value), repo);
	return false;
}

/* The Dockerfile of the repository that an image-only service runs, found
 * by name: ghcr.io/mailcow/netfilter in data/Dockerfiles/netfilter/,
 * penpotapp/frontend in Dockerfile.frontend beside the compose file. The
 * image is the repository's own (a build tags its name, or it or its owner
 * is named like the repository's folder), or the Dockerfile lies beside
 * the compose file; an official image (no owner) is never matched, nor a
 * name two Dockerfiles answer to. items[0..n) are those discovered. */
static const struct df_item *df_of_image(struct run *run, const struct compose_job *j,
					 const struct c_service *sv, const struct df_items *items,
					 size_t n)
{
	const char *repo, *slash, *last, *dir;
	const struct df_item *found = NULL;
	bool own;

	if (!sv->image.s || sv->build_context.s || strchr(sv->image.s, '$') ||
	    !(slash = strrchr(repo = image_ref_repo(&run->a, sv->image.s), '/')))
		return NULL;
	last = slash + 1;
	own = image_ref_own(&run->a, sv->image.s, run->own_images, run->nown_images,
			    run->repo_names, run->nrepo_names);
	dir = j->p->nfiles ? path_dir(&run->a, display_path(&run->a, j->p->files[0])) : NULL;
	for (size_t i = 0; i < n; i++) {
		const struct df_item *it = &items->v[i];

		if (!it->in.has_id || !df_named(&run->a, it->in.display, last) ||
		    (!own && (!dir || strcmp(path_dir(&run->a, it->in.display), dir) ||
			      df_extends(&run->a, it->in.path, repo))))
			continue;
		if (found)
			return NULL;
		found = it;
	}
	return found;
}

/* The Dockerfiles to check: those discovered, then those compose services
 * build (in project order), each once. A service's Dockerfile is read
 * with the service's build context, and its model kept for the compose
 * rules; one the config excludes is only modelled. */
static void find_dockerfiles(struct run *run, const struct input_list *inputs,
			     const struct compose_jobs *jobs, struct df_items *items)
{
	for (size_t k = 0; k < inputs->n; k++) {
		const struct input *in = &inputs->v[k];
		struct file_id id;
		struct df_item *it;

		if (in->kind != INPUT_DOCKERFILE || excluded(run, in->path) ||
		    !first_visit(run, in->path, in->has_id ? &in->id : NULL, &id))
			continue;
		it = ARENA_PUSH(&run->a, items->v, items->n, items->cap);
		*it = (struct df_item){ .in = *in, .cfg = config_of(run, in->path) };
		if (id.ino || id.dev) {
			it->in.has_id = true;
			it->in.id = id;
		}
	}
	size_t ndiscovered = items->n;

	for (size_t i = 0; i < jobs->n; i++) {
		const struct compose_job *j = &jobs->v[i];
		const char **built = NULL;
		size_t nbuilt = 0;

		/* The images the project builds: a FROM one of them pulls nothing. */
		if (j->rc >= 0) {
			built = arena_alloc(&run->a, (j->p->nservices + 1) * sizeof(*built));
			for (size_t k = 0; k < j->p->nservices; k++)
				if (j->p->services[k].build_context.s && j->p->services[k].image.s)
					built[nbuilt++] = j->p->services[k].image.s;
		}
		for (size_t k = 0; j->rc >= 0 && k < j->p->nservices; k++) {
			const struct service_df *sd = &j->sdf[k];
			const struct df_item *named;
			struct df_item *it;

			/* An image CI builds from a Dockerfile here and the
			 * service pulls: what it runs is that Dockerfile. */
			if (!sd->found &&
			    (named = df_of_image(run, j, &j->p->services[k], items, ndiscovered)))
				j->sdf[k] = (struct service_df){ named->in.path, named->in.id, true };
			if (!sd->found)
				continue;
			if (!(it = item_of(items, &sd->id))) {
				const char *display = display_path(&run->a, sd->path);

				it = ARENA_PUSH(&run->a, items->v, items->n, items->cap);
				memset(it, 0, sizeof(*it));
				it->in = (struct input){ .kind = INPUT_DOCKERFILE, .path = sd->path,
							 .display = display, .has_id = true,
							 .id = sd->id };
				it->cfg = config_of(run, sd->path);
				/* Reached before by another path: modelled, not checked. */
				it->quiet = config_excluded(it->cfg, display) ||
					    !first_visit(run, sd->path, &sd->id, NULL);
			}
			{
				const struct c_service *sv = &j->p->services[k];
				enum purpose sp = compose_service_purpose(sv);
				const char **mounts = arena_alloc(&run->a, (sv->nvolumes + 1) *
								  sizeof(*mounts));
				size_t nmounts = 0;

				for (size_t v = 0; v < sv->nvolumes; v++)
					if (sv->volumes[v].target && *sv->volumes[v].target)
						mounts[nmounts++] = sv->volumes[v].target;

				*ARENA_PUSH(&run->a, it->ships, it->nships, it->capships) =
					(struct df_ship){
						.target = sv->build_target.s && *sv->build_target.s ?
								  sv->build_target.s : NULL,
						.by = arena_printf(&run->a, "compose service %s", sv->name),
						.purpose = sp != PURPOSE_PRODUCTION ? sp : j->purpose,
						.local_images = built, .nlocal_images = nbuilt,
						.mounts = mounts, .nmounts = nmounts };
			}
			if (!it->keep) {
				it->keep = true;
				/* pulled, not built here: the folder stays the guess */
				if (j->p->services[k].build_context.s) {
					it->in.dir = j->p->services[k].build_context.s;
					it->dir_given = true;
				}
				it->arena = arena_alloc(&run->a, sizeof(*it->arena));
				*it->arena = (struct arena)ARENA_INIT;
				*ARENA_PUSH(&run->a, run->worker_arenas, run->nworker_arenas,
					    run->capworker_arenas) = it->arena;
			}
		}
	}
}

/* The item of the Dockerfile a build names (path, built in context, or
 * its own folder when NULL): the one found already, or a new one; NULL
 * when it is no regular file, or excluded, or checked by another path. */
static struct df_item *item_for_build(struct run *run, struct df_items *items, const char *path,
				      const char *context)
{
	struct df_item *it;
	struct file_id id;
	const char *display;
	struct stat st;

	if (stat(path, &st) || !S_ISREG(st.st_mode))
		return NULL;
	id = (struct file_id){ st.st_dev, st.st_ino };
	if ((it = item_of(items, &id))) {
		/* Found by the walk: its context was a guess. */
		if (context && !it->dir_given && !it->keep) {
			it->in.dir = context;
			it->dir_given = true;
		}
		return it;
	}
	display = display_path(&run->a, path);
	if (excluded(run, path) || !first_visit(run, path, &id, NULL))
		return NULL;
	it = ARENA_PUSH(&run->a, items->v, items->n, items->cap);
	memset(it, 0, sizeof(*it));
	it->cfg = config_of(run, path);
	it->in = (struct input){ .kind = INPUT_DOCKERFILE, .path = path, .display = display,
				 .has_id = true, .id = id,
				 .dir = context ? context : path_dir(&run->a, path) };
	it->dir_given = context != NULL;
	return it;
}

/* Whether a build in a CI file can publish its image: a build action, or a
 * command with a tag that names a repository (org/app, a registry) or
 * that a variable makes. A `docker build` with no tag, or only local
 * names (-t complement-dendrite:pg), builds an image to test. */
static bool ci_build_ships(const struct build_use *b)
{
	if (strncmp(b->tool, "docker ", 7) && strncmp(b->tool, "podman ", 7) &&
	    strncmp(b->tool, "buildah ", 8))
		return true;
	for (size_t k = 0; k < b->ntags; k++) {
		const char *t = b->tags[k].s;
		size_t name = t ? strcspn(t, ":@") : 0;

		if (!t || memchr(t, '/', name) || memchr(t, '$', name))
			return true;
	}
	return false;
}

/* What the build command b is for: its file's path and name, then what the
 * file says around it: a script's first comment ("designed for developers
 * who want to test"), the heading of a README's section ("### Special
 * development images"). */
static enum purpose purpose_of_build_use(struct run *run, const struct build_use *b,
					 const char **why)
{
	const struct config *cfg = config_of(run, b->at.file);
	enum purpose p = purpose_in_run(run, cfg, &run->a, b->at.file, NULL, 0, why);
	const char *text, *err;
	size_t len;

	if (p == PURPOSE_CI)
		return ci_build_ships(b) ? PURPOSE_PRODUCTION : PURPOSE_TEST;
	if (p != PURPOSE_PRODUCTION || *why ||
	    (b->at.source != EV_SHELL && b->at.source != EV_MARKDOWN) ||
	    !(text = read_file(&run->a, b->at.file, &len, &err)))
		return p;
	if (b->at.source == EV_MARKDOWN)
		return purpose_of_section(text, len, b->at.line, why);
	return purpose_of_file_under(&run->a, cfg, b->at.file, above_root(run, b->at.file), text,
				     len, why);
}

/* The builds that scripts, Makefiles, CI files and READMEs show: the stage
 * each ships, on the Dockerfile it names (one no walk found is checked too,
 * with the context the command gives). A part that cannot be worked out
 * ($VAR) says nothing. */
static void ships_of_evidence(struct run *run, struct df_items *items)
{
	for (size_t i = 0; i < run->ev.nbuilds; i++) {
		const struct build_use *b = &run->ev.builds[i];
		struct df_item *it;
		const char *why;
		enum purpose p;

		if (!b->dockerfile.s || !b->dockerfile.known || b->context_remote ||
		    (b->target.s && !b->target.known) ||
		    !(it = item_for_build(run, items, b->dockerfile.s,
					  b->context.known ? b->context.s : NULL)))
			continue;
		/* A build in a test script or a dev README is no release; one in
		 * CI may well be. */
		p = purpose_of_build_use(run, b, &why);
		for (size_t k = 0; k < b->ntags; k++)
			if (b->tags[k].s && !strchr(b->tags[k].s, '$'))
				*ARENA_PUSH(&run->a, it->tags, it->ntags, it->captags) =
					image_ref_repo(&run->a, b->tags[k].s);
		*ARENA_PUSH(&run->a, it->ships, it->nships, it->capships) = (struct df_ship){
			.target = b->target.s,
			.by = arena_printf(&run->a, "%s at %s:%u", b->tool, b->at.file, b->at.line),
			.purpose = p, .local_images = run->built_images,
			.nlocal_images = run->nbuilt_images };
		if (!it->shipped_by && p == PURPOSE_PRODUCTION)
			it->shipped_by = it->ships[it->nships - 1].by;
	}
}

/* How each repository a build tags is used in the run's Dockerfiles and
 * compose projects: as a base (FROM, a service's image) or only as the
 * source of COPY --from. */
struct tag_use {
	const char *repo;
	unsigned run, copy;
	const char *copy_at;	/* the first COPY --from, as file:line */
};

static struct tag_use *tag_use_of(struct tag_use *v, size_t n, struct arena *a, const char *ref)
{
	const char *repo;

	if (!ref || strchr(ref, '$'))
		return NULL;
	repo = image_ref_repo(a, ref);
	for (size_t k = 0; k < n; k++)
		if (!strcmp(v[k].repo, repo))
			return &v[k];
	return NULL;
}

/* A Dockerfile whose every tag is only read by COPY --from of another
 * Dockerfile (penpotapp/imagemagick, copied into the app images) makes a
 * build input, not an image that runs. */
static void artifact_images(struct run *run, struct df_items *items, const struct compose_jobs *jobs)
{
	struct tag_use *v = NULL;
	size_t n = 0, cap = 0;

	for (size_t i = 0; i < items->n; i++)
		for (size_t k = 0; k < items->v[i].ntags; k++)
			if (!tag_use_of(v, n, &run->a, items->v[i].tags[k]))
				*ARENA_PUSH(&run->a, v, n, cap) =
					(struct tag_use){ .repo = items->v[i].tags[k] };
	if (!n)
		return;
	for (size_t i = 0; i < jobs->n; i++)
		for (size_t k = 0; jobs->v[i].p && k < jobs->v[i].p->nservices; k++) {
			struct tag_use *u = tag_use_of(v, n, &run->a,
						       jobs->v[i].p->services[k].image.s);

			if (u)
				u->run++;
		}
	for (size_t i = 0; i < items->n; i++) {
		const char *why, *text;
		unsigned line = 1;
		size_t tlen;

		if (items->v[i].in.path && !strcmp(items->v[i].in.path, "-"))
			continue;	/* standard input is read once, by its check */
		text = read_file(&run->a, items->v[i].in.path, &tlen, &why);

		for (const char *p = text; p && *p; p = strchr(p, '\n'), p = p ? p + 1 : NULL, line++) {
			const char *q = p, *from;
			struct tag_use *u;
			size_t len;

			while (*q == ' ' || *q == '\t')
				q++;
			if (!strncasecmp(q, "FROM", 4) && (q[4] == ' ' || q[4] == '\t')) {
				q += 5;
				while (*q == ' ' || *q == '\t' || (*q == '-' && (q = strpbrk(q, " \t"))))
					q++;
				len = strcspn(q, " \t\r\n");
				if ((u = tag_use_of(v, n, &run->a, arena_printf(&run->a, "%.*s", (int)len, q))))
					u->run++;
			} else if ((from = memmem(q, strcspn(q, "\n"), "--from=", 7))) {
				from += 7;
				len = strcspn(from, " \t\r\n");
				if ((u = tag_use_of(v, n, &run->a, arena_printf(&run->a, "%.*s", (int)len,
										from))) && !u->copy++)
					u->copy_at = arena_printf(&run->a, "%s:%u", items->v[i].in.display,
								  line);
			}
		}
	}
	for (size_t i = 0; i < items->n; i++) {
		struct df_item *it = &items->v[i];
		const struct tag_use *u = NULL;
		bool all = it->ntags > 0;

		for (size_t k = 0; k < it->ntags && all; k++) {
			u = tag_use_of(v, n, &run->a, it->tags[k]);
			all = u && u->copy && !u->run;
		}
		if (all && u)
			it->artifact_why = arena_printf(&run->a, "only COPY --from reads the image "
							"it builds, %s (%s)", u->repo, u->copy_at);
	}
}

/* Whether every output of a bake target writes files (type=local or
 * type=tar), so that it builds no image to run. */
static bool bake_exports_files(const struct bake_target *bt)
{
	if (!bt->outputs.n)
		return false;
	for (size_t i = 0; i < bt->outputs.n; i++) {
		const char *o = bt->outputs.v[i].s;
		bool files = false;

		for (const char *p = o; p && *p; p = strchr(p, ','), p = p ? p + 1 : NULL)
			files |= !strncmp(p, "type=local", 10) || !strncmp(p, "type=tar", 8);
		if (!o || !files)
			return false;
	}
	return true;
}

/* The stage each bake target builds, on its Dockerfile: bake's default
 * files of a folder are read together, merged as Buildx merges them. A
 * Dockerfile no walk found is checked too, with the target's context. */
static void ships_of_bake(struct run *run, const struct input_list *inputs,
			  struct df_items *items)
{
	for (size_t k = 0; k < inputs->n;) {
		const char *files[4], *dir, *why;
		size_t n = 0, end = k;
		struct bake b;
		enum purpose p;

		if (inputs->v[k].kind != INPUT_BAKE || excluded(run, inputs->v[k].path)) {
			k++;
			continue;
		}
		/* The folder's bake files, in Buildx's order. */
		dir = path_dir(&run->a, inputs->v[k].path);
		for (; end < inputs->n && inputs->v[end].kind == INPUT_BAKE &&
		       !strcmp(path_dir(&run->a, inputs->v[end].path), dir); end++)
			if (n < 4)
				files[n++] = inputs->v[end].path;
		for (size_t i = 1; i < n; i++)
			for (size_t j = i; j && input_bake_order(files[j]) <
						input_bake_order(files[j - 1]); j--) {
				const char *t = files[j];

				files[j] = files[j - 1];
				files[j - 1] = t;
			}
		k = end;
		bake_load(&run->a, files, n, NULL, process_env(run), &b, &run->r);
		bake_report_notes(&b, &run->r);
		p = purpose_in_run(run, config_of(run, files[0]), &run->a,
				   display_path(&run->a, files[0]), NULL, 0, &why);
		for (size_t i = 0; i < n; i++)
			report_input(&run->r, &(struct input_record){
				.path = display_path(&run->a, files[i]), .kind = "bake", .purpose = p,
				.purpose_why = why,
				.part_of = arena_printf(&run->a, "%zu bake target%s", b.n,
							b.n == 1 ? "" : "s") });
		for (size_t t = 0; t < b.n; t++) {
			const struct bake_target *bt = &b.targets[t];
			struct df_item *it;

			if (!bt->dockerfile_path || bt->target.unresolved || bt->matrix ||
			    bake_exports_files(bt) ||
			    !(it = item_for_build(run, items, bt->dockerfile_path, bt->context_path)))
				continue;
			{
				const char **names = arena_alloc(&run->a, (bt->contexts.n + 1) *
									  sizeof(*names));

				for (size_t i = 0; i < bt->contexts.n; i++)
					names[i] = bt->contexts.kv[i].key;
				*ARENA_PUSH(&run->a, it->ships, it->nships, it->capships) =
					(struct df_ship){
						.target = bt->target.s,
						.by = arena_printf(&run->a, "bake target %s", bt->name),
						.purpose = p == PURPOSE_CI ? PURPOSE_PRODUCTION : p,
						.local_images = names, .nlocal_images = bt->contexts.n };
				if (!it->shipped_by && it->ships[it->nships - 1].purpose ==
							       PURPOSE_PRODUCTION)
					it->shipped_by = it->ships[it->nships - 1].by;
			}
		}
	}
}

/* Accounts for the inputs discovery found that are not checked as such:
 * templates and BuildKit ignore files (skipped, with why), and files the
 * configuration excludes. */
static void record_others(struct run *run, const struct input_list *inputs)
{
	for (size_t k = 0; k < inputs->n; k++) {
		const struct input *in = &inputs->v[k];
		const char *why = NULL;

		if (in->kind == INPUT_TEMPLATE)
			why = "a template, rendered by a tool before Docker reads it";
		else if (in->kind == INPUT_IGNORE_FILE)
			why = "BuildKit's .dockerignore for one Dockerfile, not a Dockerfile";
		else if (excluded(run, in->path))
			why = "excluded by the configuration";
		else
			continue;
		report_input(&run->r, &(struct input_record){
			.path = in->display, .kind = input_kind_name(in->kind), .skipped = why });
	}
}

/* Accounts for a Dockerfile of the run (JSON "inputs", the summary). */
static void record_dockerfile(struct run *run, const struct df_item *it)
{
	struct strbuf sb = STRBUF_INIT;

	if (it->quiet && !it->keep)
		return;
	/* The stages that builds name (compose services say so themselves). */
	for (size_t k = 0; k < it->nships; k++) {
		const struct df_ship *sh = &it->ships[k];

		if (sh->target && sh->by && strncmp(sh->by, "compose ", 8))
			strbuf_addf(&sb, "%sstage %s built by %s", sb.len ? "; " : "", sh->target,
				    sh->by);
	}
	report_input(&run->r, &(struct input_record){
		.path = it->in.display, .kind = it->template ? "template" : "dockerfile",
		.purpose = it->purpose, .purpose_why = it->purpose_why,
		.part_of = sb.len ? arena_strdup(&run->a, sb.buf) : NULL,
		.skipped = it->template ? "a template (Jinja or Go template syntax), rendered by a "
					  "tool before Docker reads it" :
			   it->quiet ? "excluded by the configuration (modelled for compose)" :
			   !it->model ? "could not be read or parsed (see the errors)" : NULL });
	if (!it->quiet && it->model) {
		run->r.summary.dockerfiles++;
		run->r.summary.shipped_stages += it->nshipped;
	}
	for (size_t k = 0; k < it->nnotes; k++)
		report_note_str(&run->r, it->notes[k].file, it->notes[k].message);
	strbuf_release(&sb);
}

/* Accounts for the files of a compose project. */
static void record_project(struct run *run, const struct compose_job *j)
{
	for (size_t k = 0; k < j->nnotes; k++)
		report_note_str(&run->r, j->notes[k].file, j->notes[k].message);
	if (j->rc < 0) {
		for (size_t k = 0; k < j->nfiles; k++)
			report_input(&run->r, &(struct input_record){
				.path = display_path(&run->a, j->files[k]),
				.kind = j->template ? "template" : "compose",
				.skipped = j->template ? "a template (Jinja or Go template syntax), "
							 "rendered by a tool before Compose reads it" :
					   "the project could not be loaded (see the errors)" });
		return;
	}
	{
		/* Named by its files: alternatives share a folder, so a name. */
		struct strbuf sb = STRBUF_INIT;
		const char *part;

		for (size_t k = 0; k < j->p->nfiles; k++)
			strbuf_addf(&sb, "%s%s", k ? " + " : "", j->p->files[k]);
		part = arena_printf(&run->a, "project %s (%s)", j->p->name, sb.buf);
		strbuf_release(&sb);
		for (size_t k = 0; k < j->p->nfiles; k++)
			report_input(&run->r, &(struct input_record){
				.path = j->p->files[k], .kind = "compose",
				.purpose = j->file_purpose[k], .purpose_why = j->file_why[k],
				.part_of = part });
	}
}

static size_t finding_hash(const struct finding *f, size_t mask)
{
	size_t h = (size_t)(uintptr_t)f->rule * 31u + f->line * 131u + f->col;

	for (const char *s = f->file ? f->file : ""; *s; s++)
		h = h * 33u + (unsigned char)*s;
	return h & mask;
}

static bool same_place(const struct finding *x, const struct finding *y)
{
	return x->rule == y->rule && x->line == y->line && x->col == y->col &&
	       x->file && y->file && !strcmp(x->file, y->file);
}

/* A file shared by several projects (a base with its overlays) is reported
 * on once: a finding of project i is dropped when an earlier project (the
 * base comes first) reported the same rule at the same place. The findings
 * of project i are r->findings[starts[i] .. starts[i + 1]), from starts[0]
 * = from on. */
static void drop_shared(struct run *run, size_t from, const size_t *starts, size_t n)
{
	struct report *r = &run->r;
	size_t cap = 16, mask, out = from, p = 0;
	size_t *slot;	/* index + 1 of a kept finding, with the project it came from */
	size_t *proj;

	while (cap < 2 * (r->nfindings - from) + 2)
		cap *= 2;
	mask = cap - 1;
	slot = calloc(cap, sizeof(*slot));
	proj = calloc(cap, sizeof(*proj));
	if (!slot || !proj)
		goto out;
	for (size_t k = from; k < r->nfindings; k++) {
		const struct finding *f = &r->findings[k];
		size_t h = finding_hash(f, mask);
		bool dup = false;

		while (p + 1 < n && k >= starts[p + 1])
			p++;
		for (; slot[h]; h = (h + 1) & mask)
			if (proj[h] != p && same_place(&r->findings[slot[h] - 1], f)) {
				dup = true;
				break;
			}
		if (dup)
			continue;
		r->findings[out] = *f;
		/* Probe on from h: it is the first free slot of this chain. */
		slot[h] = out + 1;
		proj[h] = p;
		out++;
	}
	r->nfindings = out;
out:
	free(slot);
	free(proj);
}

/* A finding in an entry script that several Dockerfiles run is said for
 * the first of them only. */
static void drop_script_repeats(struct run *run)
{
	struct report *r = &run->r;
	size_t out = 0;

	for (size_t k = 0; k < r->nfindings; k++) {
		const struct finding *f = &r->findings[k];
		bool dup = false;

		for (size_t i = 0; f->in_script && i < out && !dup; i++)
			dup = r->findings[i].in_script && same_place(&r->findings[i], f);
		if (!dup)
			r->findings[out++] = *f;
	}
	r->nfindings = out;
}

/* Dockerfiles and compose projects: the projects are loaded first, so that
 * each Dockerfile is read, parsed and modelled once, with the build
 * context a service gives it; then the compose rules run with those
 * models. Reports are merged in order and sorted in the end, so the output
 * does not depend on the number of workers. */
/* Dockerfile.fpm-alpine beside Dockerfile and Dockerfile.alpine that CI
 * publishes: the repository's own builds pick which variants ship, and a
 * named variant none of them builds is not one (a plain Dockerfile may be
 * built by a pipeline outside the repository, and is judged). */
static void unbuilt_variants(struct run *run, struct df_items *items)
{
	/* The Dockerfiles a build command of the repository ships, with
	 * their folders: few, so each other Dockerfile is compared with
	 * them only. */
	struct built { const struct df_item *it; const char *dir; } *built = NULL;
	size_t nbuilt = 0, cap = 0;

	for (size_t i = 0; i < items->n; i++)
		if (items->v[i].shipped_by)
			*ARENA_PUSH(&run->a, built, nbuilt, cap) = (struct built){
				&items->v[i], path_dir(&run->a, items->v[i].in.display) };
	for (size_t i = 0; nbuilt && i < items->n; i++) {
		struct df_item *it = &items->v[i];
		const char *dir, *base;

		if (it->nships || it->quiet)
			continue;
		base = path_base(&run->a, it->in.display);
		/* Dockerfile.prod says it ships, built or not here */
		if (str_eq(base, "Dockerfile") || str_eq(base, "Containerfile") ||
		    purpose_name_ships(base))
			continue;
		dir = path_dir(&run->a, it->in.display);
		for (size_t k = 0; k < nbuilt; k++)
			if (!strcmp(built[k].dir, dir)) {
				it->unbuilt_why = arena_printf(&run->a, "a variant nothing builds, while %s "
							       "builds %s beside it", built[k].it->shipped_by,
							       path_base(&run->a, built[k].it->in.display));
				break;
			}
	}
}

static void check_inputs(struct run *run, const struct input_list *inputs)
{
	struct compose_jobs jobs = { 0 };
	struct df_items items = { 0 };
	struct compose_job **loaded;
	struct worker *w;
	size_t nw, nloaded = 0, from, *starts, nbad_df = 0, nbad_compose = 0;

	record_others(run, inputs);
	find_projects(run, inputs, &jobs);
	if (jobs.n) {
		process_env(run);	/* read by the workers */
		run_pool(run, jobs.n, load_project, &jobs, &nw);
	}
	find_dockerfiles(run, inputs, &jobs, &items);
	ships_of_evidence(run, &items);
	ships_of_bake(run, inputs, &items);
	artifact_images(run, &items, &jobs);
	unbuilt_variants(run, &items);
	w = run_pool(run, items.n, check_item, &items, &nw);
	reserve_merge(run, w, nw);
	for (size_t k = 0; k < nw; k++)
		merge(run, &w[k].r, 0, w[k].r.nfindings, 0, w[k].r.nerrors);
	report_reserve_inputs(&run->r, items.n);
	for (size_t k = 0; k < items.n; k++) {
		record_dockerfile(run, &items.v[k]);
		nbad_df += !items.v[k].quiet && !items.v[k].template && !items.v[k].model;
	}
	nbad_df += run->nskipped_df;
	/* A point is not "passed" on the Dockerfiles that could be read. */
	if (nbad_df && run->r.summary.dockerfiles)
		report_unread_some(&run->r, LAYER_DOCKERFILE, "%zu Dockerfile%s could not be "
				   "read", nbad_df, nbad_df == 1 ? "" : "s");
	loaded = arena_alloc(&run->a, (jobs.n + 1) * sizeof(*loaded));
	{
		size_t nf = 0, ne = 0;

		for (size_t i = 0; i < jobs.n; i++) {
			nf += jobs.v[i].lf1 - jobs.v[i].lf0;
			ne += jobs.v[i].le1 - jobs.v[i].le0;
		}
		ARENA_RESERVE(run->r.a, run->r.findings, run->r.nfindings, run->r.capfindings, nf);
		ARENA_RESERVE(run->r.a, run->r.errors, run->r.nerrors, run->r.caperrors, ne);
	}
	for (size_t i = 0; i < jobs.n; i++) {
		struct compose_job *j = &jobs.v[i];

		merge(run, j->lr, j->lf0, j->lf1, j->le0, j->le1);
		record_project(run, j);
		if (j->rc < 0) {
			nbad_compose++;
			continue;
		}
		for (size_t k = 0; k < j->p->nservices; k++) {
			const struct df_item *it = j->sdf[k].found ? item_of(&items, &j->sdf[k].id) :
					       NULL;

			j->dfs[k] = it ? it->model : NULL;
			if (it)
				report_input(&run->r, &(struct input_record){
					.path = it->in.display, .kind = "dockerfile",
					.purpose = it->purpose, .purpose_why = it->purpose_why,
					.part_of = arena_printf(&run->a, "built by service %s of project %s",
								j->p->services[k].name, j->p->name) });
		}
		loaded[nloaded++] = j;
	}
	run->r.summary.projects = nloaded;
	nbad_compose += run->nskipped_compose;
	if (nbad_compose && nloaded)
		report_unread_some(&run->r, LAYER_COMPOSE, "%zu compose project%s could not be "
				   "loaded", nbad_compose, nbad_compose == 1 ? "" : "s");
	if (!nloaded)
		return;
	run_pool(run, nloaded, check_project, loaded, &nw);
	from = run->r.nfindings;
	starts = arena_alloc(&run->a, (nloaded + 1) * sizeof(*starts));
	{
		size_t nf = 0;

		for (size_t i = 0; i < nloaded; i++)
			nf += loaded[i]->rf1 - loaded[i]->rf0;
		ARENA_RESERVE(run->r.a, run->r.findings, run->r.nfindings, run->r.capfindings, nf);
	}
	for (size_t i = 0; i < nloaded; i++) {
		const struct compose_job *j = loaded[i];
		size_t n = run->nprojects;

		starts[i] = run->r.nfindings;
		merge(run, j->rr, j->rf0, j->rf1, 0, 0);
		*ARENA_PUSH(&run->a, run->project_dfs, n, run->capdfs) = j->dfs;
		*ARENA_PUSH(&run->a, run->projects, run->nprojects, run->capprojects) = j->p;
	}
	drop_shared(run, from, starts, nloaded);
}

/* What the repository makes itself: the images its build commands tag,
 * and the names of the folders it is checked in (a clone is named after
 * its repository, which most often names its image). */
static void own_images_of(struct run *run, const struct input_list *inputs)
{
	run->repo_names = arena_alloc(&run->a, (inputs->nroots + 1) * sizeof(*run->repo_names));
	for (size_t i = 0; i < inputs->nroots; i++) {
		const char *base = path_base(&run->a, inputs->roots[i]->path);
		char *real;

		/* "." or "..": the folder's own name, once */
		if (strcmp(base, ".") && strcmp(base, "..") && strcmp(base, "/")) {
			run->repo_names[run->nrepo_names++] = base;
			continue;
		}
		real = realpath(inputs->roots[i]->path, NULL);
		if (real && strcmp(real, "/"))
			run->repo_names[run->nrepo_names++] = path_base(&run->a, real);
		free(real);
	}
	for (size_t i = 0; i < run->ev.nbuilds; i++)
		for (size_t k = 0; k < run->ev.builds[i].ntags; k++) {
			const char *t = run->ev.builds[i].tags[k].s, *repo, *slash;

			if (!t || strchr(t, '$') || !*(repo = image_ref_repo(&run->a, t)))
				continue;
			slash = strrchr(repo, '/');
			*ARENA_PUSH(&run->a, run->own_images, run->nown_images, run->capown_images) =
				slash ? slash + 1 : repo;
			*ARENA_PUSH(&run->a, run->built_images, run->nbuilt_images,
				    run->capbuilt_images) = repo;
		}
}

/* The downloads of the evidence, in a README or a script, that are not in
 * a file or a README section about development, tests or CI: those tell
 * users how to run the project. */
static void downloads_of(struct run *run)
{
	run->downloads = arena_alloc(&run->a, (run->ev.ndownloads + 1) * sizeof(*run->downloads));
	for (size_t i = 0; i < run->ev.ndownloads; i++) {
		const struct download_use *d = &run->ev.downloads[i];
		const char *why, *text, *err;
		enum purpose p = purpose_of_file_under(&run->a, config_of(run, d->at.file),
						       d->at.file, above_root(run, d->at.file),
						       NULL, 0, &why);
		size_t len;

		if ((d->at.source != EV_MARKDOWN && d->at.source != EV_SHELL) ||
		    (p != PURPOSE_PRODUCTION && p != PURPOSE_EXAMPLE))
			continue;
		if (d->at.source == EV_MARKDOWN &&
		    (!(text = read_file(&run->a, d->at.file, &len, &err)) ||
		     purpose_of_section(text, len, d->at.line, &why) != PURPOSE_PRODUCTION))
			continue;
		run->downloads[run->ndownloads++] = d;
	}
}

/* Point 6: scripts that run containers by hand, under the folders given. */
/* The scripts of the folders walked, and the evidence of how the repository
 * builds and deploys, read once before anything is checked. */
static void find_scripts(struct run *run, const struct input_list *inputs)
{
	struct script_set *set = &run->scripts;
	size_t k = 0;

	for (size_t i = 0; i < inputs->nroots; i++) {
		scripts_discover_tree(&run->a, inputs->roots[i], set);
		evidence_collect_with(&run->a, inputs->roots[i], set, &run->ev);
	}
	own_images_of(run, inputs);
	downloads_of(run);
	if (set->ndropped)
		report_error(&run->r, set->first_dropped, 0, "not read: too many scripts (limit %d): "
			     "this one and %zu more are not checked", MAX_SCRIPTS, set->ndropped - 1);
	for (size_t i = 0; i < set->n; i++)
		if (!excluded(run, set->scripts[i].path))
			set->scripts[k++] = set->scripts[i];
	set->n = k;
}

static void check_scripts(struct run *run)
{
	struct script_set set = run->scripts;
	size_t first = run->r.nfindings;
	const struct config **cfg;
	bool *done;

	run->nscripts = set.n;
	if (!set.n)
		return;
	set.has_compose = set.has_compose || run->nprojects;
	set.projects = run->projects;
	set.nprojects = run->nprojects;
	cfg = arena_alloc(&run->a, set.n * sizeof(*cfg));
	done = arena_alloc(&run->a, set.n * sizeof(*done));
	for (size_t i = 0; i < set.n; i++)
		cfg[i] = config_of(run, set.scripts[i].path);
	/* The scripts of one config together, by its settings. */
	for (size_t i = 0; i < set.n; i++) {
		struct script_set some = set;
		size_t n = 0;

		if (done[i])
			continue;
		for (size_t k = i; k < set.n; k++)
			n += cfg[k] == cfg[i];
		some.scripts = arena_alloc(&run->a, n * sizeof(*some.scripts));
		some.n = 0;
		some.cap = n;
		for (size_t k = i; k < set.n; k++)
			if (cfg[k] == cfg[i]) {
				some.scripts[some.n++] = set.scripts[k];
				done[k] = true;
			}
		rules_check_scripts(&run->r, &some, cfg[i]);
	}
	run->r.summary.scripts = set.n;
	/* Shell, Makefiles and CI YAML all comment with #. */
	for (size_t i = 0; i < set.n; i++) {
		const struct script *sc = &set.scripts[i];
		struct judged jd = { run, cfg[i] };
		struct suppress_opts so = { run->o.require_reasons, rule_wanted, &jd };
		struct docker_cmd *cmds;
		const char *why;
		enum purpose p = purpose_in_run(run, cfg[i], &run->a, sc->path, sc->text, sc->len,
						&why);

		suppress_yaml(&run->r, first, sc->path, sc->text, sc->len, &so);
		if (run->fingerprints)
			report_fingerprint(&run->r, first, sc->path, sc->text, sc->len);
		for (size_t f = first; f < run->r.nfindings; f++)
			if (run->r.findings[f].file && !strcmp(run->r.findings[f].file, sc->path)) {
				run->r.findings[f].purpose = p;
				run->r.findings[f].config = cfg[i];
			}
		/* The inputs list names the scripts that start containers. */
		if (script_docker_cmds(&run->a, sc, &cmds))
			report_input(&run->r, &(struct input_record){
				.path = sc->path, .kind = "script", .purpose = p, .purpose_why = why });
	}
}

/* What the walk passed over: never silently (docs/architecture.md). */
static void report_walk(struct run *run, const struct input_list *in)
{
	for (size_t k = 0; k < in->nsaid; k++) {
		const struct skipped_path *s = &in->skipped[k];

		if (excluded(run, s->path))
			continue;
		/* An input error, as when named (a FIFO, a dangling link). */
		report_error(&run->r, s->path, 0, "cannot read: %s", s->why);
		if (s->kind == INPUT_COMPOSE)
			run->nskipped_compose++;
		else
			run->nskipped_df++;
	}
	if (in->nskipped > in->nsaid) {
		report_error(&run->r, NULL, 0, "%zu more Dockerfiles cannot be read: no regular "
			     "files (FIFOs, devices, dangling or looping symlinks)",
			     in->nskipped - in->nsaid);
		run->nskipped_df += in->nskipped - in->nsaid;
	}
	if (in->too_deep)
		report_error(&run->r, in->too_deep, 0, "not searched: folders nested deeper than "
			     "%d levels (limit %d)%s", DISCOVER_MAX_DEPTH, DISCOVER_MAX_DEPTH,
			     in->ntoo_deep > 1 ? arena_printf(&run->a, "; %zu such folders in all",
							      in->ntoo_deep) : "");
}

static int cmp_entry_name(const void *key, const void *e)
{
	return strcmp(key, ((const struct dir_entry *)e)->name);
}

/* Whether a folder the walk read holds name (for the config search). */
static bool dir_has(const void *listing, const char *name)
{
	const struct dir_node *dn = listing;

	return dn->n && bsearch(name, dn->ents, dn->n, sizeof(*dn->ents), cmp_entry_name);
}

/* The folder holding a file named by the user ("." for a bare name). */
static const char *folder_of(struct arena *a, const char *path)
{
	const char *slash = strrchr(path, '/');

	return !slash ? "." : slash == path ? "/" : arena_strndup(a, path, (size_t)(slash - path));
}

/* The checked tree (docs/architecture.md): the folders named, the folders of
 * the files named (paths, -f, --env-file), and the working directory unless
 * it is / (which would hold everything). Reads outside it are refused. */
static void confine_run(struct run *run, const char *const *paths, const struct path_stat *ps,
			size_t npaths)
{
	const char **dirs = NULL, *cwd;
	size_t n = 0, cap = 0;
	char buf[4096];

	for (size_t i = 0; i < npaths; i++) {
		const char *d;

		if (!strcmp(paths[i], "-"))
			continue;
		d = !ps[i].err && S_ISDIR(ps[i].st.st_mode) ? paths[i] :
			folder_of(&run->a, paths[i]);
		/* Files named in a row are mostly from one folder. */
		if (!n || strcmp(dirs[n - 1], d))
			*ARENA_PUSH(&run->a, dirs, n, cap) = d;
	}
	for (size_t i = 0; i < run->o.files.n; i++)
		*ARENA_PUSH(&run->a, dirs, n, cap) = folder_of(&run->a, run->o.files.v[i]);
	for (size_t i = 0; i < run->o.env_files.n; i++)
		*ARENA_PUSH(&run->a, dirs, n, cap) = folder_of(&run->a, run->o.env_files.v[i]);
	cwd = getcwd(buf, sizeof(buf));
	if (cwd && strcmp(cwd, "/"))
		*ARENA_PUSH(&run->a, dirs, n, cap) = ".";
	read_confine(dirs, n);
}

/* The walk follows no symlink: the files in the folders it went through
 * need no resolving when read (read_trust). */
static void trust_walked(struct run *run, const struct input_list *in)
{
	const char **dirs = arena_alloc(&run->a, (in->ndirs + 1) * sizeof(*dirs));

	for (size_t k = 0; k < in->ndirs; k++)
		dirs[k] = in->dirs[k]->path;
	read_trust(dirs, in->ndirs);
}

int pipeline_check(const struct run_opts *o, const char *const *paths, size_t npaths)
{
	struct run run = { .a = ARENA_INIT, .o = *o, .pre_idx = SMAP_INIT };
	struct input_list inputs = { 0 };
	const struct path_stat *stated;
	int status;

	report_init(&run.r, &run.a);
	run.fingerprints = o->baseline || o->write_baseline;
	for (size_t i = 0; i < o->noutputs; i++)
		run.fingerprints = run.fingerprints || o->outputs[i].renderer->fingerprints;
	run.cfgs = (struct config_set){ .a = &run.a, .r = &run.r, .file = o->config,
					.none = o->no_config, .hadolint = true,
					.hadolint_file = o->hadolint_config };

	run.pool = start_pool(&run, paths, npaths);
	stated = stat_paths(&run, paths, npaths);
	confine_run(&run, paths, stated, npaths);	/* before any thread reads */
	discover_stated(&run.a, paths, npaths, stated, &inputs);
	trust_walked(&run, &inputs);
	/* The config search reads what the walk read, not the disk again. */
	for (size_t k = 0; k < inputs.ndirs; k++)
		config_listed(&run.cfgs, inputs.dirs[k]->path, dir_has, inputs.dirs[k]);
	run.roots = arena_alloc(&run.a, (inputs.nroots + 1) * sizeof(*run.roots));
	for (size_t k = 0; k < inputs.nroots; k++)
		run.roots[run.nroots++] = display_path(&run.a, inputs.roots[k]->path);
	for (size_t k = 0; k < inputs.nbad; k++)
		report_error(&run.r, inputs.bad[k].path, 0, "cannot read: %s", inputs.bad[k].why);
	report_walk(&run, &inputs);
	read_root_readmes(&run, &inputs);
	find_scripts(&run, &inputs);
	check_inputs(&run, &inputs);
	drop_script_repeats(&run);
	/* SW0032's placeholders, each said once by now: one ShellCheck run
	 * for all of them (checks/dockerfile/shellcheck.h). */
	shellcheck_finish(&run.r, run.fingerprints);
	crossfile_root_fixed_by_compose(&run.r, run.projects, run.project_dfs, run.nprojects);
	crossfile_process_overridden(&run.r, run.projects, run.project_dfs, run.nprojects);
	crossfile_healthcheck_given(&run.r, run.projects, run.project_dfs, run.nprojects);
	check_scripts(&run);

	if (!(run.r.layers & (LAYER_DOCKERFILE | LAYER_COMPOSE)) && !run.nscripts && !run.r.nerrors)
		fprintf(stderr, "seaworthy: no Dockerfiles, compose files or scripts found\n");
	report_redact_apply(&run.r);
	status = output_finish(&run.a, &run.r, &run.o, &run.cfgs);
	pool_stop(run.pool);
	read_confine(NULL, 0);
	for (size_t k = 0; k < run.nworker_arenas; k++)
		arena_release(run.worker_arenas[k]);
	smap_free(&run.pre_idx);
	arena_release(&run.a);
	return status;
}
