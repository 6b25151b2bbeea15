/* Loading a project: the files in order, each read, extended, included and
 * merged, the top level checked, then the model. */
#include <limits.h>
#include <stdlib.h>

#include "input/compose/load.h"

/* Loads and merges files in order: a project, or an included one. */
struct y_node *ld_load_project(struct ld *L, const char *const *paths,
			       const struct y_node *const *from, size_t n, const char *dir,
			       const struct env *env, int depth)
{
	struct y_node *merged = NULL;

	for (size_t i = 0; i < n; i++) {
		struct ld_file *f = ld_load_file(L, paths[i], dir, env, from ? from[i] : NULL);

		if (!f || !f->root)
			continue;
		*ARENA_PUSH(L->a, L->chain, L->nchain, L->capchain) = f->id;
		ld_apply_extends(L, f, env);
		ld_apply_include(L, f, env, depth);
		L->nchain--;
		L->path.n = 0;
		merged = ld_merge(L, merged, f->root, &L->path, false);
		ld_unicity(L, merged);
	}
	return merged;
}

static void split_list(struct arena *a, const char *s, char sep, const char ***out, size_t *n)
{
	size_t cap = 0;

	*out = NULL;
	*n = 0;
	while (s && *s) {
		size_t len = strcspn(s, (char[]){ sep, 0 }), lead = strspn(s, " \t");
		size_t tlen = len > lead ? len - lead : 0;

		/* Items are trimmed: COMPOSE_PROFILES="web, worker" is web and
		 * worker (compose-go cli/options.go). */
		while (tlen && (s[lead + tlen - 1] == ' ' || s[lead + tlen - 1] == '\t'))
			tlen--;
		if (tlen)
			*ARENA_PUSH(a, *out, *n, cap) = arena_strndup(a, s + lead, tlen);
		s += len;
		if (*s)
			s++;
	}
}

/* Go's strconv.ParseBool: 1, 0, or -1 when it is not a boolean. */
static int parse_go_bool(const char *s)
{
	static const char *const yes[] = { "1", "t", "T", "TRUE", "true", "True", NULL };
	static const char *const no[] = { "0", "f", "F", "FALSE", "false", "False", NULL };

	if (one_of(s, yes))
		return 1;
	return one_of(s, no) ? 0 : -1;
}

static const char *env_value(const struct env *e, const char *name)
{
	const struct env_var *v = env_get(e, name, strlen(name));

	return v && v->value && *v->value ? v->value : NULL;
}

static const char *dir_name_of(struct ld *L, const char *dir)
{
	char buf[PATH_MAX];
	const char *base = path_last(path_clean(L->a, dir));

	/* Only "." and ".." need the file system to have a name. */
	if (strcmp(base, ".") && strcmp(base, "..") && *base)
		return base;
	if (!L->nofs && realpath(dir, buf))
		return arena_strdup(L->a, path_last(buf));
	return base;
}

/* Where each line of buf starts, for source_text (lower.c): a scan from
 * the start of the file per value looked up was quadratic. */
static const size_t *line_starts(struct arena *a, const char *buf, size_t len, size_t *n)
{
	size_t count = 1, *v, k = 0;

	for (const char *s = buf; (s = memchr(s, '\n', len - (size_t)(s - buf))); s++)
		count++;
	v = arena_alloc(a, count * sizeof(*v));
	v[k++] = 0;
	for (const char *s = buf; (s = memchr(s, '\n', len - (size_t)(s - buf))); s++)
		v[k++] = (size_t)(s + 1 - buf);
	*n = count;
	return v;
}

/* The common tail of compose_load and compose_load_buffer. */
static int finish(struct ld *L, const char *const *files, size_t nfiles, const char *projdir,
		  const char *const *profiles, size_t nprofiles, struct c_project *out)
{
	const char *name;

	out->dir = projdir;
	L->projdir = projdir;
	/* The name first (compose-go loader.go projectName): -p or
	 * COMPOSE_PROJECT_NAME, else the last non-empty `name:` of the files as
	 * written, interpolated, else the folder's name; the files are then
	 * interpolated with COMPOSE_PROJECT_NAME set to it. */
	if ((name = env_value(&out->env, "COMPOSE_PROJECT_NAME"))) {
		const struct env_var *v = env_get(&out->env, "COMPOSE_PROJECT_NAME", 20);

		out->name = ld_normalize_name(L->a, name);
		/* Compose refuses a name it was given that is not already normal. */
		if (strcmp(out->name, name))
			ld_error_at(L, v->file, v->line, "invalid project name \"%s\" in "
				    "COMPOSE_PROJECT_NAME: use lowercase letters, digits, - and _, "
				    "starting with a letter or a digit", name);
	} else if ((name = ld_name_of_files(L, files, nfiles, projdir, &out->env)) &&
		   *(name = ld_normalize_name(L->a, name))) {
		out->name = name;
	} else {
		out->name = ld_normalize_name(L->a, dir_name_of(L, projdir));
	}
	env_set(L->a, &out->env, "COMPOSE_PROJECT_NAME", out->name, NULL, 0);
	out->root = ld_load_project(L, files, NULL, nfiles, projdir, &out->env, 0);
	out->nfiles = 0;
	out->files = arena_alloc(L->a, (L->nfiles + 1) * sizeof(*out->files));
	out->texts = arena_alloc(L->a, (L->nfiles + 1) * sizeof(*out->texts));
	out->lens = arena_alloc(L->a, (L->nfiles + 1) * sizeof(*out->lens));
	out->lines = arena_alloc(L->a, (L->nfiles + 1) * sizeof(*out->lines));
	out->nlines = arena_alloc(L->a, (L->nfiles + 1) * sizeof(*out->nlines));
	for (size_t i = 0; i < L->nfiles; i++)
		if (!L->files[i]->failed) {
			out->texts[out->nfiles] = L->files[i]->buf;
			out->lens[out->nfiles] = L->files[i]->len;
			if (L->files[i]->buf)
				out->lines[out->nfiles] = line_starts(L->a, L->files[i]->buf,
								      L->files[i]->len,
								      &out->nlines[out->nfiles]);
			out->files[out->nfiles++] = L->files[i]->path;
		}
	if (!out->root || !out->root->npairs) {
		if (!L->errors)
			ld_error_at(L, nfiles ? files[0] : NULL, 0, "empty compose file");
		out->root = NULL;
		return -1;
	}
	ld_validate(L, out->root);
	ld_build_model(L, out, profiles, nprofiles);
	return 0;
}

static void ld_free(struct ld *L)
{
	smap_free(&L->unset_seen);
	smap_free(&L->unset_idx);
	smap_free(&L->doc_dirs);
	for (size_t i = 0; i < L->ndocumented; i++)
		smap_free(&L->documented[i]);
	smap_free(&L->emptied);
	smap_free(&L->ext_failed);
	smap_free(&L->said);
}

static void ld_init(struct ld *L, struct arena *a, struct report *r)
{
	/* Not path's segments: 8 KiB, and ld_merge() sets each before use. */
	memset(L, 0, offsetof(struct ld, path));
	L->path.n = 0;
	L->a = a;
	L->r = r;
	L->budget = CLONE_BUDGET;
}

static int load(struct ld *L, const struct compose_opts *o, struct c_project *out);

int compose_load(struct arena *a, const struct compose_opts *o, struct c_project *out,
		 struct report *r)
{
	struct ld L;
	int rc;

	ld_init(&L, a, r);
	L.checkout = o->checkout;
	L.preread = o->preread;
	L.preread_ctx = o->preread_ctx;
	rc = load(&L, o, out);
	ld_report_unset(&L);
	ld_free(&L);
	return rc;
}

static int load(struct ld *L, const struct compose_opts *o, struct c_project *out)
{
	struct arena *a = L->a;
	struct env proc = { 0 };
	const char **files, **envf, **profiles;
	const char *dir0, *projdir, *v;
	size_t nfiles, nenvf, nprofiles;
	bool no_dotenv, dir0_env_absent = false;

	memset(out, 0, sizeof(*out));
	/* The folder .env is read from and COMPOSE_FILE is relative to. */
	if (o->project_dir)
		dir0 = path_clean(a, o->project_dir);
	else if (o->nfiles)
		dir0 = path_dir(a, path_clean(a, o->files[0]));
	else
		dir0 = path_clean(a, o->dir ? o->dir : ".");
	if (!o->process_env)
		env_from_process(a, &proc);
	/* COMPOSE_DISABLE_ENV_FILE (the shell's only) turns the default .env
	 * off (compose-go cli/options.go WithEnvFiles). */
	if ((v = getenv("COMPOSE_DISABLE_ENV_FILE")) && parse_go_bool(v) < 0) {
		ld_error_at(L, NULL, 0, "COMPOSE_DISABLE_ENV_FILE: strconv.ParseBool: parsing \"%s\": "
			    "invalid syntax", v);
		return -1;
	}
	no_dotenv = v && parse_go_bool(v) == 1;
	if (o->nenv_files) {
		envf = arena_alloc(a, o->nenv_files * sizeof(*envf));
		for (size_t i = 0; i < o->nenv_files; i++)
			envf[i] = path_clean(a, o->env_files[i]);
		nenvf = o->nenv_files;
	} else if (!no_dotenv && ld_is_regular_file(path_join(a, dir0, ".env"))) {
		envf = arena_alloc(a, sizeof(*envf));
		envf[0] = path_join(a, dir0, ".env");
		nenvf = 1;
	} else {
		envf = NULL;
		nenvf = 0;
		dir0_env_absent = !no_dotenv;
	}
	if (ld_env_with_files(L, o->process_env ? o->process_env : &proc, envf, NULL, nenvf,
			      &out->env) < 0)
		return -1;
	/* -f, else COMPOSE_FILE, else the files docker compose finds. */
	if (o->nfiles) {
		files = arena_alloc(a, o->nfiles * sizeof(*files));
		for (size_t i = 0; i < o->nfiles; i++)
			files[i] = path_clean(a, o->files[i]);
		nfiles = o->nfiles;
	} else if ((v = env_value(&out->env, "COMPOSE_FILE"))) {
		const char *sep = env_value(&out->env, "COMPOSE_PATH_SEPARATOR");

		split_list(a, v, sep ? sep[0] : ':', &files, &nfiles);
		for (size_t i = 0; i < nfiles; i++)
			files[i] = path_join(a, dir0, files[i]);
	} else {
		struct compose_discovery disc;
		const char *where = o->dir ? path_clean(a, o->dir) : dir0;

		compose_discover(a, where, &disc, L->r);
		if (!disc.base) {
			ld_error_at(L, where, 0, "no compose file found (compose.yaml, compose.yml, "
									 "docker-compose.yml or docker-compose.yaml)");
			return -1;
		}
		files = arena_alloc(a, 2 * sizeof(*files));
		files[0] = disc.base;
		nfiles = 1;
		if (disc.override)
			files[nfiles++] = disc.override;
	}
	if (!nfiles) {
		ld_error_at(L, NULL, 0, "no compose file given");
		return -1;
	}
	projdir = display_dir(a, o->project_dir ? path_clean(a, o->project_dir)
			      : path_dir(a, files[0]));
	/* When the files moved the project (COMPOSE_FILE elsewhere), the
	 * project folder's .env is read too, the values already set winning
	 * (docker/compose cmd/compose/compose.go: WithEnvFiles and WithDotEnv
	 * again after WithConfigFileEnv). */
	if (!o->nenv_files && !no_dotenv && !streq(files[0], "-")) {
		const char *second = path_join(a, o->project_dir ? path_clean(a, o->project_dir)
					       : path_dir(a, files[0]), ".env");
		/* dir0's .env, read or known absent: not looked for twice. */
		const char *first = nenvf ? envf[0] : dir0_env_absent ? path_join(a, dir0, ".env")
								     : NULL;

		if ((!first || !streq(path_clean(a, second), path_clean(a, first))) &&
		    ld_is_regular_file(second)) {
			struct env both;

			if (ld_env_with_files(L, &out->env, &second, NULL, 1, &both) < 0)
				return -1;
			out->env = both;
		}
	}
	/* --profile, else COMPOSE_PROFILES. */
	if (o->nprofiles) {
		profiles = (const char **)o->profiles;
		nprofiles = o->nprofiles;
	} else {
		split_list(a, env_value(&out->env, "COMPOSE_PROFILES"), ',', &profiles, &nprofiles);
	}
	out->profiles = profiles;
	out->nprofiles = nprofiles;
	return finish(L, files, nfiles, projdir, profiles, nprofiles, out);
}

int compose_load_buffer(struct arena *a, const char *name, const char *buf, size_t len,
			const struct env *env, struct c_project *out, struct report *r)
{
	struct ld L;
	const char *files[1];
	int rc;

	ld_init(&L, a, r);
	memset(out, 0, sizeof(*out));
	L.nofs = true;
	L.mem_name = path_clean(a, name);
	L.mem_buf = buf;
	L.mem_len = len;
	if (env)
		for (size_t i = 0; i < env->n; i++)
			env_set_var(a, &out->env, &env->v[i]);
	files[0] = L.mem_name;
	rc = finish(&L, files, 1, ".", NULL, 0, out);
	ld_report_unset(&L);
	ld_free(&L);
	return rc;
}
