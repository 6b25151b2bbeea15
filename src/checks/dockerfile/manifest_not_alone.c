/* SW0302: A dependency manifest is not copied on its own before the install. */
#include "checks/check.h"

#include <string.h>

#include "checks/dockerfile/deps.h"
#include "checks/dockerfile/helpers.h"
#include "util/path.h"
#include "util/str.h"

#define MAX_CHAIN 64

/* What the COPY/ADD instructions before an install tell about its manifest. */
struct scan {
	bool alone;			/* copied by name with nothing but manifests */
	bool elsewhere;			/* may come from another stage, a URL, an archive */
	const struct m_instr *with_code; /* copied by name together with code */
	const char *named;		/* that source */
	const char *code;		/* the code source next to it */
	const struct m_instr *piece;	/* code copied near the install, manifest unnamed */
	const char *piece_src;
};

static bool is_remote(const char *src)
{
	return strstr(src, "://") || !strncmp(src, "git@", 4);
}

static bool is_archive(const char *src)
{
	static const char *const ext[] = {
		".tar", ".tar.gz", ".tgz", ".tar.bz2", ".tbz2", ".tar.xz", ".txz", ".tar.zst", NULL
	};
	size_t n = strlen(src);

	for (size_t i = 0; ext[i]; i++) {
		size_t e = strlen(ext[i]);

		if (n > e && str_eq(src + n - e, ext[i]))
			return true;
	}
	return false;
}

/* `src`, `lib/`, `*.go`: a directory or a set of files, not one named file. */
static bool dir_like(struct arena *a, const char *src)
{
	size_t n = strlen(src);

	return (n && src[n - 1] == '/') || path_has_glob(src) || !strchr(path_base(a, src), '.');
}

/* The COPY destination and the install directory overlap. */
static bool related(const char *dest, const char *dir)
{
	return path_within(dir, dest) || (strcmp(dir, "/") && path_within(dest, dir));
}

static void scan_copy(struct arena *a, const struct m_instr *in, const struct dep_install *d,
		      const char *dir, struct scan *sc)
{
	const char *dest, *named = NULL, *code = NULL, *piece = NULL;
	bool rel;

	if ((in->kind != K_COPY && in->kind != K_ADD) || in->nwords < 2)
		return;
	dest = path_resolve(a, in->workdir, in->words[in->nwords - 1]);
	rel = related(dest, dir);
	for (size_t i = 0; i + 1 < in->nwords; i++) {
		const char *src = in->words[i];

		if (!*src || !strncmp(src, "<<", 2))
			continue;	/* COPY <<EOF: inline content, not code */
		if (in->copy_from) {
			/* COPY --from of the manifest, or of a tree that may hold it. */
			if (dep_source_names(src, d->key) || rel)
				sc->elsewhere = true;
			continue;
		}
		if (in->kind == K_ADD && (is_remote(src) || is_archive(src))) {
			if (rel)
				sc->elsewhere = true;
			continue;
		}
		if (dep_source_names(src, d->key)) {
			if (!named)
				named = src;
			/* `COPY app/ ...` for `-r app/requirements.txt`: code around it */
			if (!dep_manifest_source(src) && !code)
				code = src;
		} else if (!dep_manifest_source(src)) {
			if (!code)
				code = src;
			if (!piece && rel && dir_like(a, src))
				piece = src;
		}
	}
	if (named && !code) {
		sc->alone = true;
	} else if (named) {
		if (!sc->with_code) {
			sc->with_code = in;
			sc->named = named;
			sc->code = code;
		}
	} else if (piece && !sc->piece) {
		sc->piece = in;
		sc->piece_src = piece;
	}
}

/* Commands that fetch or generate a project: its manifest needn't be copied. */
static bool makes_project(const struct sh_cmd *c)
{
	static const char *const fetchers[] = {
		"git", "curl", "wget", "svn", "hg", "tar", "unzip", "bsdtar", "aria2c", NULL
	};
	static const char *const makers[] = {
		"npm", "yarn", "pnpm", "poetry", "cargo", "bundle", "bundler", "dotnet",
		"composer", "uv", "pipenv", NULL
	};
	static const char *const verbs[] = {
		"init", "new", "create-project", "require", "create", NULL
	};
	const char *name = sh_cmd_name(c), *sub = sh_cmd_subcommand(c);

	for (size_t i = 0; fetchers[i]; i++)
		if (str_eq(name, fetchers[i]))
			return true;
	if (!sub)
		return false;
	if (str_eq(name, "go"))
		return str_eq(sub, "mod") && sh_cmd_find_arg(c, "init");
	for (size_t i = 0; makers[i]; i++)
		if (str_eq(name, makers[i]))
			for (size_t k = 0; verbs[k]; k++)
				if (str_eq(sub, verbs[k]))
					return true;
	return false;
}

/*
 * Whether command j of the RUN fetches or generates a project where the
 * install runs: in that directory (or next to it), or naming it. A `curl |
 * bash` set-up step in / elsewhere doesn't explain a missing manifest.
 */
static bool makes_project_at(struct arena *a, const struct m_instr *in, size_t j,
			     const char *dir)
{
	const struct sh_cmd *cmd = &in->sh.cmds[j];
	const char *cwd;

	if (!makes_project(cmd))
		return false;
	cwd = run_cwd(a, in, j);
	if (str_eq(cwd, dir) || (strcmp(cwd, "/") && related(cwd, dir)))
		return true;
	for (size_t i = 1; i < cmd->argc; i++) {
		const struct sh_word *w = &cmd->argv[i];
		const char *p;

		if (w->has_subst || w->text[0] == '-' || strstr(w->text, "://"))
			continue;
		p = path_resolve(a, cwd, w->text);
		if (strcmp(p, "/") && related(p, dir))
			return true;
	}
	return false;
}

/* The name to show for the manifest: the source that copied it, or the key. */
static const char *manifest_name(struct arena *a, const struct dep_install *d, const char *named)
{
	size_t n = strcspn(d->key, " ");

	if (named && !path_has_glob(named) && dep_manifest_source(named))
		return path_base(a, named);
	if (d->key[0] == '/')
		return path_base(a, d->key);
	return arena_strndup(a, d->key, n);
}

static void report(struct rule_ctx *c, const struct m_instr *run, const struct dep_install *d,
		   const struct scan *sc)
{
	const char *m = manifest_name(c->a, d, sc->with_code ? sc->named : NULL);
	const char *again = d->build ? "downloads all dependencies again in" : "reruns";
	struct finding *f;

	if (sc->with_code && sc->code == sc->named)
		f = rule_report(c, run, "%s comes inside the code directory `%s` (line %u), so "
				"every code change %s `%s`", m, sc->code,
				sc->with_code->node->start.line, again, d->what);
	else if (sc->with_code)
		f = rule_report(c, run, "%s is copied together with code (`%s`, line %u), so every "
				"code change %s `%s`", m, sc->code,
				sc->with_code->node->start.line, again, d->what);
	else
		f = rule_report(c, run, "%s is not copied on its own before `%s`, only code is "
				"(`%s`, line %u), so every code change %s", m, d->what,
				sc->piece_src, sc->piece->node->start.line,
				d->build ? "downloads all dependencies again" : "reruns the install");
	if (d->build && d->fetch)
		f->fix = arena_printf(c->a, "Copy only %s first, run `%s`, then copy the code "
				      "and build", d->manifests, d->fetch);
	else if (d->fetch)
		f->fix = arena_printf(c->a, "Copy only %s first, run `%s`, then copy the code",
				      d->manifests, d->fetch);
	else
		f->fix = arena_printf(c->a, "Copy only %s first and install the dependencies it "
				      "lists, then copy the code", d->manifests);
}

/* One install command of a RUN in the last stage of chain[0..n). */
static void check_install(struct rule_ctx *c, const struct m_stage **chain, size_t n,
			  const struct m_instr *run, size_t idx, const struct dep_install *d)
{
	const struct m_stage *s = chain[n - 1];
	struct scan sc;
	const char *dir = run_cwd(c->a, run, idx);

	memset(&sc, 0, sizeof(sc));
	if (strchr(d->key, '/') && !strchr(d->key, ' ')) {
		/* -r app/requirements.txt: the manifest's own directory */
		const char *p = path_resolve(c->a, dir, d->key);

		dir = path_resolve(c->a, p, "..");
	}
	for (size_t k = 0; k < n; k++) {
		const struct m_stage *t = chain[k];

		for (size_t i = 1; i < t->ninstrs; i++) {
			const struct m_instr *in = &t->instrs[i];

			if (t == s && in == run)
				break;
			if (in->kind == K_RUN) {
				for (size_t j = 0; j < in->sh.ncmds; j++)
					if (makes_project_at(c->a, in, j, dir))
						sc.elsewhere = true;
				continue;
			}
			scan_copy(c->a, in, d, dir, &sc);
		}
	}
	for (size_t j = 0; j < idx; j++)
		if (makes_project_at(c->a, run, j, dir))
			sc.elsewhere = true;
	if (sc.alone)
		return;
	/*
	 * A build without its manifest in sight may not need one (go build in
	 * GOPATH mode): only a fetch is sure to read it.
	 */
	if (sc.with_code || (sc.piece && !sc.elsewhere && !d->build))
		report(c, run, d, &sc);
}

static void check_stage(struct rule_ctx *c, const struct m_stage *s)
{
	const struct m_stage *chain[MAX_CHAIN];
	size_t n = stage_chain(s, chain, MAX_CHAIN);
	const char *seen[64];
	size_t nseen = 0;
	struct dep_install d;

	/* Families installed by base stages are cached already. */
	for (size_t k = 0; k + 1 < n; k++)
		for (size_t i = 1; i < chain[k]->ninstrs; i++) {
			const struct m_instr *in = &chain[k]->instrs[i];

			if (dep_whole_context_copy(in))
				return;	/* the manifests came with everything */
			for (size_t j = 0; in->kind == K_RUN && j < in->sh.ncmds; j++)
				if (dep_install_of(c->a, &in->sh.cmds[j], &d) && nseen < 64)
					seen[nseen++] = d.eco;
		}

	for (size_t i = 1; i < s->ninstrs; i++) {
		const struct m_instr *in = &s->instrs[i];
		bool cache;

		/* SW0301's case: the whole context came before. */
		if (dep_whole_context_copy(in))
			return;
		if (in->kind != K_RUN || instr_has_mount(in, "bind"))
			continue;
		cache = instr_has_mount(in, "cache");
		for (size_t j = 0; j < in->sh.ncmds; j++) {
			bool dup = false;

			if (!dep_install_of(c->a, &in->sh.cmds[j], &d))
				continue;
			for (size_t k = 0; k < nseen; k++)
				if (str_eq(seen[k], d.eco))
					dup = true;
			if (!dup && !d.pkgfile && !d.with_packages && !(d.build && cache))
				check_install(c, chain, n, in, j, &d);
			if (!dup && nseen < 64)
				seen[nseen++] = d.eco;
		}
	}
}

static void check(struct rule_ctx *c)
{
	for (size_t i = 0; i < c->df->nstages; i++)
		check_stage(c, &c->df->stages[i]);
}

const struct check check_manifest_not_alone = {
	.rule = &SW0302,
	.dockerfile = check,
};
