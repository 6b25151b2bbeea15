/* include: other projects loaded with their own project directory and
 * env_file, their resources imported (compose-go loader/include.go). */

#include "input/compose/load.h"
#include "util/readfile.h"

static bool deep_equal(const struct y_node *a, const struct y_node *b, int depth)
{
	if (!a || !b || depth > MAX_DEPTH)
		return a == b;
	if (a->kind != b->kind)
		return false;
	if (a->kind == Y_SCALAR)
		return is_null(a) == is_null(b) && a->len == b->len &&
		       !memcmp(a->str, b->str, a->len);
	if (a->kind == Y_SEQ) {
		if (a->nitems != b->nitems)
			return false;
		for (size_t i = 0; i < a->nitems; i++)
			if (!deep_equal(a->items[i], b->items[i], depth + 1))
				return false;
		return true;
	}
	if (a->npairs != b->npairs)
		return false;
	for (size_t i = 0; i < a->npairs; i++) {
		struct y_pair *p = pair_of(b, a->pairs[i].key->str);

		if (!p || !deep_equal(a->pairs[i].value, p->value, depth + 1))
			return false;
	}
	return true;
}

static void set_pair(struct ld *L, struct y_node *map, struct y_node *key, struct y_node *value)
{
	struct y_pair *p = pair_of(map, key->str), *np;

	if (p) {
		p->value = value;
		return;
	}
	np = arena_alloc(L->a, (map->npairs + 1) * sizeof(*np));
	if (map->npairs)
		memcpy(np, map->pairs, map->npairs * sizeof(*np));
	np[map->npairs].key = key;
	np[map->npairs].value = value;
	map->pairs = np;
	map->npairs++;
}

static void del_pair(struct y_node *map, const char *key)
{
	size_t o = 0;

	for (size_t i = 0; i < map->npairs; i++)
		if (!streq(map->pairs[i].key->str, key))
			map->pairs[o++] = map->pairs[i];
	map->npairs = o;
}

/* Adds an included project's resources to root (compose-go include.go
 * importResources, since v2.10): a name defined on both sides is the local
 * definition merged over the included one, as an override file would be
 * (!reset and !override included). */
static void import_resources(struct ld *L, struct y_node *root, const struct y_node *sub)
{
	static const char *const keys[] = {
		"services", "volumes", "networks", "secrets", "configs", "models",
	};

	for (size_t k = 0; k < sizeof(keys) / sizeof(keys[0]); k++) {
		struct y_pair *from = pair_of(sub, keys[k]), *top = pair_of(root, keys[k]);
		struct y_node *to;
		struct pairvec pv = { 0 };

		if (!from || from->value->kind != Y_MAP)
			continue;
		if (!top || is_null(top->value)) {
			set_pair(L, root, from->key, from->value);
			continue;
		}
		if (top->value->kind != Y_MAP)
			continue;
		to = top->value;
		for (size_t i = 0; i < to->npairs; i++)
			pv_add(L->a, &pv, to->pairs[i].key, to->pairs[i].value);
		for (size_t i = 0; i < from->value->npairs; i++) {
			struct y_pair *fp = &from->value->pairs[i], *tp = pair_of(to, fp->key->str);

			if (!tp) {
				pv_add(L->a, &pv, fp->key, fp->value);
			} else if (!deep_equal(tp->value, fp->value, 0)) {
				struct y_pair *np = pair_of(&(struct y_node){ .kind = Y_MAP,
					.pairs = pv.v, .npairs = pv.n }, fp->key->str);

				L->path.seg[0] = keys[k];
				L->path.seg[1] = fp->key->str;
				L->path.n = 2;
				np->value = ld_merge(L, fp->value, tp->value, &L->path, true);
				L->path.n = 0;
			}
		}
		top->value = new_node(L->a, Y_MAP, to->pos, to->via);
		top->value->pairs = pv.v;
		top->value->npairs = pv.n;
	}
}

static bool in_chain(const struct ld *L, const char *id)
{
	for (size_t i = 0; i < L->nchain; i++)
		if (streq(L->chain[i], id))
			return true;
	return false;
}

/* env files into a copy of env whose own variables win. -1 on errors. */
int ld_env_with_files(struct ld *L, const struct env *env, const char *const *files,
		      const struct y_node *const *at, size_t n, struct env *out)
{
	struct env dot = { 0 };
	int rc = 0;

	for (size_t i = 0; i < n; i++) {
		const char *why, *msg = NULL;
		unsigned line = 0;
		size_t len;
		char *buf = read_file(L->a, files[i], &len, &why);

		if (!buf) {
			if (at && at[i])
				ld_error(L, at[i], "cannot read %s: %s", files[i], why);
			else
				ld_error_at(L, files[i], 0, "cannot read: %s", why);
			rc = -1;
			continue;
		}
		if (dotenv_parse(L->a, files[i], buf, len, &dot, env, &line, &msg) < 0) {
			ld_error_at(L, files[i], line, "%s", msg ? msg : "invalid .env syntax");
			rc = -1;
		}
	}
	/* Most projects have no .env: a copy, index and all. */
	if (!dot.n) {
		env_copy(L->a, out, env);
		return rc;
	}
	memset(out, 0, sizeof(*out));
	env_reserve(L->a, out, dot.n + (env ? env->n : 0));
	for (size_t i = 0; i < dot.n; i++)
		env_set_var(L->a, out, &dot.v[i]);
	for (size_t i = 0; env && i < env->n; i++)
		env_set_var(L->a, out, &env->v[i]);
	return rc;
}

static void include_one(struct ld *L, struct ld_file *f, struct y_node *item,
			const struct env *env, int depth)
{
	struct itemvec paths = { 0 }, envs = { 0 };
	struct y_node *pd = NULL, *pn, *sub;
	const char **p, **e;
	const char *dir;
	/* In the arena: the included files keep a pointer to it. */
	struct env *incenv = arena_alloc(L->a, sizeof(*incenv));

	if (item->kind == Y_SCALAR && !is_null(item)) {
		iv_add(L->a, &paths, item);
	} else if (item->kind == Y_MAP) {
		for (size_t i = 0; i < item->npairs; i++) {
			const char *k = item->pairs[i].key->str;
			struct y_node *v = item->pairs[i].value;

			if (streq(k, "path") || streq(k, "env_file")) {
				struct itemvec *iv = streq(k, "path") ? &paths : &envs;

				if (v->kind == Y_SCALAR && !is_null(v)) {
					iv_add(L->a, iv, v);
				} else if (v->kind == Y_SEQ) {
					for (size_t j = 0; j < v->nitems; j++)
						if (str_of(v->items[j]))
							iv_add(L->a, iv, v->items[j]);
						else
							ld_error(L, v->items[j], "include.%s must "
								 "list paths", k);
				} else {
					ld_error(L, v, "include.%s must be a path or a list of "
						 "paths", k);
				}
			} else if (streq(k, "project_directory")) {
				if (!str_of(v))
					ld_error(L, v, "include.project_directory must be a path");
				else
					pd = v;
			} else if (!starts_with(k, "x-")) {
				ld_error(L, item->pairs[i].key, "include: unknown key %s", k);
			}
		}
		if (!paths.n) {
			ld_error(L, item, "include needs a path");
			return;
		}
	} else {
		ld_error(L, item, "an include must be a path or a mapping");
		return;
	}
	if (L->nofs) {
		ld_error(L, item, "include: other files are not read here");
		return;
	}
	if (depth >= MAX_INCLUDES) {
		ld_error(L, item, "includes nested more than %d deep", MAX_INCLUDES);
		return;
	}
	p = arena_alloc(L->a, paths.n * sizeof(*p));
	for (size_t i = 0; i < paths.n; i++)
		p[i] = path_join(L->a, f->dir, paths.v[i]->str);
	pn = paths.v[0];
	dir = pd ? path_join(L->a, f->dir, pd->str) : path_dir(L->a, p[0]);
	if (in_chain(L, ld_file_id(L, p[0]))) {
		ld_error(L, pn, "include cycle: %s includes %s again", f->path, p[0]);
		return;
	}
	e = arena_alloc(L->a, (envs.n + 1) * sizeof(*e));
	{
		size_t ne = 0;
		const struct y_node **eat = arena_alloc(L->a, (envs.n + 1) * sizeof(*eat));

		for (size_t i = 0; i < envs.n; i++) {
			if (streq(envs.v[i]->str, "/dev/null"))
				continue;
			eat[ne] = envs.v[i];
			e[ne++] = path_join(L->a, f->dir, envs.v[i]->str);
		}
		if (!envs.n && ld_is_regular_file(path_join(L->a, dir, ".env"))) {
			eat[ne] = NULL;
			e[ne++] = path_join(L->a, dir, ".env");
		}
		if (ld_env_with_files(L, env, e, eat, ne, incenv) < 0)
			return;
	}
	sub = ld_load_project(L, p, (const struct y_node *const *)paths.v, paths.n, dir, incenv,
			      depth + 1);
	if (sub && sub->kind == Y_MAP)
		import_resources(L, f->root, sub);
}

void ld_apply_include(struct ld *L, struct ld_file *f, const struct env *env, int depth)
{
	struct y_node *inc = get(f->root, "include");

	if (!inc)
		return;
	if (inc->kind == Y_SEQ) {
		for (size_t i = 0; i < inc->nitems; i++)
			include_one(L, f, inc->items[i], env, depth);
	} else if (!is_null(inc)) {
		ld_error(L, inc, "include must be a list");
	}
	del_pair(f->root, "include");
}
