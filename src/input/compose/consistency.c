/* What Compose refuses once the project is typed, beyond the schema:
 * compose-go's loader/validate.go (checkConsistency), validation/
 * validation.go and validation/external.go (the resources), the implicit
 * dependencies loader/normalize.go adds (links, volumes_from, network_mode,
 * ipc and pid naming a service) with graph's cycle check, and the env_file
 * that must exist (types/project.go WithServicesEnvironmentResolved). Each
 * problem is reported, where compose-go stops at the first. */
#include <stdlib.h>

#include "input/compose/load.h"

/* The project's names, hashed as they are asked for: a scan for each
 * reference was quadratic in the number of services. */
struct index {
	const struct c_project *p;
	struct smap services;	/* name -> first index */
	struct {
		const char *section;	/* a top-level section, or NULL */
		struct smap names;	/* its keys */
	} sec[8];
};

static const struct c_service *find_service(struct index *ix, const char *name)
{
	const struct c_project *p = ix->p;
	size_t *i;

	if (!ix->services.n)
		for (size_t k = p->nservices; k-- > 0;)
			smap_put(&ix->services, p->services[k].name, k);
	i = smap_find(&ix->services, name);
	return i ? &p->services[*i] : NULL;
}

static bool declared(struct index *ix, const char *section, const char *name)
{
	size_t k = 0;

	while (k < 8 && ix->sec[k].section && !streq(ix->sec[k].section, section))
		k++;
	if (k == 8) {
		const struct y_node *sec = get(ix->p->root, section);

		return sec && sec->kind == Y_MAP && pair_of(sec, name);
	}
	if (!ix->sec[k].section) {
		const struct y_node *sec = get(ix->p->root, section);

		ix->sec[k].section = section;
		for (size_t i = 0; sec && sec->kind == Y_MAP && i < sec->npairs; i++)
			smap_put(&ix->sec[k].names, sec->pairs[i].key->str, i);
	}
	return smap_find(&ix->sec[k].names, name) != NULL;
}

/* A service dependency as loader/normalize.go adds it, with where it was
 * written; required unless depends_on says `required: false`. */
struct dep {
	const char *name;
	const struct y_node *at;
	bool required;
};

struct deps {
	struct dep *v;
	size_t n, cap;
};

static void dep_add(struct arena *a, struct deps *d, const char *name, size_t len,
		    const struct y_node *at, bool required)
{
	struct dep *e;

	for (size_t i = 0; i < d->n; i++)
		if (strlen(d->v[i].name) == len && !strncmp(d->v[i].name, name, len))
			return;
	e = ARENA_PUSH(a, d->v, d->n, d->cap);
	e->name = arena_strndup(a, name, len);
	e->at = at;
	e->required = required;
}

/* depends_on, then links (SERVICE[:ALIAS]), volumes_from (SERVICE[:MODE],
 * not container:X), and network_mode, ipc, pid as service:X. */
static void deps_of(struct ld *L, const struct y_node *svc, struct deps *d)
{
	static const char *const modes[] = { "network_mode", "ipc", "pid" };
	const struct y_node *n = get(svc, "depends_on");

	if (n && n->kind == Y_SEQ) {
		for (size_t i = 0; i < n->nitems; i++)
			if (str_of(n->items[i]))
				dep_add(L->a, d, n->items[i]->str, n->items[i]->len, n->items[i], true);
	} else if (n && n->kind == Y_MAP) {
		for (size_t i = 0; i < n->npairs; i++) {
			const struct y_node *req = get(n->pairs[i].value, "required");

			dep_add(L->a, d, n->pairs[i].key->str, n->pairs[i].key->len, n->pairs[i].key,
				!(str_of(req) && y_bool(req) == 0));
		}
	}
	if ((n = get(svc, "links")) && n->kind == Y_SEQ)
		for (size_t i = 0; i < n->nitems; i++)
			if (str_of(n->items[i]))
				dep_add(L->a, d, n->items[i]->str, strcspn(n->items[i]->str, ":"),
					n->items[i], true);
	if ((n = get(svc, "volumes_from")) && n->kind == Y_SEQ)
		for (size_t i = 0; i < n->nitems; i++) {
			const char *v = str_of(n->items[i]);

			if (v && !starts_with(v, "container:"))
				dep_add(L->a, d, v, strcspn(v, ":"), n->items[i], true);
		}
	for (size_t k = 0; k < 3; k++) {
		const char *v = str_of(get(svc, modes[k]));

		if (v && starts_with(v, "service:"))
			dep_add(L->a, d, v + 8, strlen(v + 8), get(svc, modes[k]), true);
	}
}

static long int_of(const struct y_node *n, bool *ok)
{
	const char *s = str_of(n);
	char *end;
	long v;

	*ok = false;
	if (!s)
		return 0;
	v = strtol(s, &end, 10);
	*ok = end != s && !*end;
	return v;
}

/* Where a mount target is written: services.NAME.tmpfs[i] or volumes[i]. */
struct mount_at {
	bool tmpfs;
	size_t i;
};

static const char *mount_at_text(struct ld *L, const struct c_service *s, struct mount_at m)
{
	return arena_printf(L->a, "services.%s.%s[%zu]", s->name, m.tmpfs ? "tmpfs" : "volumes",
			    m.i);
}

/* Every mount target once (tmpfs first, then volumes), as checkConsistency.
 * Places are said only in an error: formatting each one cost more than
 * the check. */
static void check_mounts(struct ld *L, const struct c_service *s)
{
	const struct y_node *tmpfs = get(s->node, "tmpfs"), *vols = get(s->node, "volumes");
	struct smap seen = { 0 };
	struct mount_at *where = NULL;
	size_t nwhere = 0, cap = 0;

	if (tmpfs && tmpfs->kind == Y_SCALAR && str_of(tmpfs)) {
		smap_put(&seen, arena_strndup(L->a, tmpfs->str, strcspn(tmpfs->str, ":")), 0);
		*ARENA_PUSH(L->a, where, nwhere, cap) = (struct mount_at){ true, 0 };
	} else if (tmpfs && tmpfs->kind == Y_SEQ) {
		for (size_t i = 0; i < tmpfs->nitems; i++) {
			const char *t = str_of(tmpfs->items[i]);

			if (!t)
				continue;
			smap_put(&seen, arena_strndup(L->a, t, strcspn(t, ":")), nwhere);
			*ARENA_PUSH(L->a, where, nwhere, cap) = (struct mount_at){ true, i };
		}
	}
	for (size_t i = 0; i < s->nvolumes; i++) {
		const char *t = s->volumes[i].target;
		struct mount_at loc = { false, i };
		size_t *j;

		if (!t)
			continue;
		/* The index in the list as written (the model skips bad ones). */
		for (size_t k = 0; vols && vols->kind == Y_SEQ && k < vols->nitems; k++)
			if (vols->items[k]->pos.line == s->volumes[i].pos.line &&
			    vols->items[k]->pos.col == s->volumes[i].pos.col &&
			    streq(vols->items[k]->pos.file, s->volumes[i].pos.file))
				loc.i = k;
		if ((j = smap_find(&seen, t))) {
			ld_error_pos(L, s->volumes[i].pos, "%s: target %s already mounted as %s",
				     mount_at_text(L, s, loc), t, mount_at_text(L, s, where[*j]));
			continue;
		}
		smap_put(&seen, t, nwhere);
		*ARENA_PUSH(L->a, where, nwhere, cap) = loc;
	}
	smap_free(&seen);
}

static void check_build(struct ld *L, struct index *ix, const struct c_service *s)
{
	const struct y_node *b = get(s->node, "build"), *n;
	const char *platform = str_of(get(s->node, "platform"));

	if (!b || b->kind != Y_MAP)
		return;
	if (get(b, "dockerfile") && get(b, "dockerfile_inline"))
		ld_error(L, get(b, "dockerfile_inline"), "service \"%s\" declares mutualy exclusive "
			 "dockerfile and dockerfile_inline", s->name);
	if ((n = get(b, "additional_contexts")) && n->kind == Y_MAP)
		for (size_t i = 0; i < n->npairs; i++) {
			const char *v = str_of(n->pairs[i].value);
			const struct c_service *t;

			if (!v || !starts_with(v, "service:"))
				continue;
			if (!(t = find_service(ix, v + 8)))
				ld_error(L, n->pairs[i].value, "service \"%s\" declares unknown service "
					 "\"%s\" as additional contexts %s", s->name, v + 8,
					 n->pairs[i].key->str);
			else if (!get(t->node, "build"))
				ld_error(L, n->pairs[i].value, "service \"%s\" declares non-buildable "
					 "service \"%s\" as additional contexts %s", s->name, v + 8,
					 n->pairs[i].key->str);
		}
	if (platform && (n = get(b, "platforms")) && n->kind == Y_SEQ && n->nitems) {
		bool found = false;

		for (size_t i = 0; i < n->nitems; i++)
			found |= streq(str_of(n->items[i]), platform);
		if (!found)
			ld_error(L, n, "service.build.platforms MUST include service.platform \"%s\"",
				 platform);
	}
	if ((n = get(b, "secrets")) && n->kind == Y_SEQ)
		for (size_t i = 0; i < n->nitems; i++) {
			const struct y_node *it = n->items[i];
			const char *name = str_of(it) ? str_of(it) : str_of(get(it, "source"));

			if (name && !declared(ix, "secrets", name))
				ld_error(L, it, "service \"%s\" refers to undefined build secret %s",
					 s->name, name);
		}
}

static void check_scale(struct ld *L, const struct c_service *s)
{
	const struct y_node *scale = get(s->node, "scale");
	const struct y_node *rep = get(get(s->node, "deploy"), "replicas");
	bool sok, rok;
	long sv = int_of(scale, &sok), rv = int_of(rep, &rok);

	if (sok && rok && sv != rv)
		ld_error(L, scale, "services.%s: can't set distinct values on 'scale' and "
			 "'deploy.replicas'", s->name);
	if (sok && sv < 0)
		ld_error(L, scale, "services.%s.scale: must be greater than or equal to 0", s->name);
	if (rok && rv < 0)
		ld_error(L, rep, "services.%s.deploy.replicas: must be greater than or equal to 0",
			 s->name);
	if (s->container_name.s && ((sok && sv > 1) || (!sok && rok && rv > 1)))
		ld_error(L, sok ? scale : rep, "services.%s: can't set container_name and %s as "
			 "container name must be unique", s->name, sok ? "scale" : "deploy.replicas");
}

static void check_service(struct ld *L, struct index *ix, const struct c_service *s,
			  const struct deps *d)
{
	static const char *const mounts[] = { "secrets", "configs" };
	const struct y_node *svc = s->node, *n;

	/* An image of the wrong type is the schema's error already. */
	if ((!s->image.s || !*s->image.s) && !get(svc, "build") && !get(svc, "provider") &&
	    !(get(svc, "image") && !str_of(get(svc, "image"))) &&
	    !smap_find(&L->ext_failed, s->name))
		ld_error_pos(L, s->pos, "service \"%s\" has neither an image nor a build context "
			     "specified", s->name);
	check_build(L, ix, s);
	if (s->network_mode.s && (n = get(svc, "networks")) && !is_null(n))
		ld_error(L, n, "service %s declares mutually exclusive `network_mode` and "
			 "`networks`", s->name);
	for (size_t i = 0; i < s->networks.n; i++)
		if (!streq(s->networks.v[i].s, "default") &&
		    !declared(ix, "networks", s->networks.v[i].s))
			ld_error_pos(L, s->networks.v[i].pos, "service \"%s\" refers to undefined "
				     "network %s", s->name, s->networks.v[i].s);
	n = get(get(svc, "healthcheck"), "test");
	if (n && n->kind == Y_SEQ && n->nitems && str_of(n->items[0]) &&
	    !streq(n->items[0]->str, "CMD") && !streq(n->items[0]->str, "CMD-SHELL") &&
	    !streq(n->items[0]->str, "NONE"))
		ld_error(L, n->items[0], "healthcheck.test must start either by \"CMD\", "
			 "\"CMD-SHELL\" or \"NONE\"");
	for (size_t i = 0; i < d->n; i++) {
		const struct c_service *t = find_service(ix, d->v[i].name);

		if (t && (t->active || !d->v[i].required))
			continue;
		/* network_mode, ipc ... service:X too: normalize made them
		 * dependencies (extends_test.go TestExtendsWithServiceRef). */
		if (!t || d->v[i].required)
			ld_error(L, d->v[i].at, "service \"%s\" depends on undefined service \"%s\"",
				 s->name, d->v[i].name);
	}
	for (size_t i = 0; i < s->nvolumes; i++)
		if (streq(s->volumes[i].type, "volume") && s->volumes[i].source &&
		    !declared(ix, "volumes", s->volumes[i].source))
			ld_error_pos(L, s->volumes[i].pos, "service \"%s\" refers to undefined volume "
				     "%s", s->name, s->volumes[i].source);
	for (size_t k = 0; k < 2; k++) {
		const struct y_node *list = get(svc, mounts[k]);

		if (!list || list->kind != Y_SEQ)
			continue;
		for (size_t i = 0; i < list->nitems; i++) {
			const struct y_node *it = list->items[i];
			const char *name = str_of(it) ? str_of(it) : str_of(get(it, "source"));

			if (name && !declared(ix, mounts[k], name))
				ld_error(L, it, "service \"%s\" refers to undefined %.6s %s", s->name,
					 mounts[k], name);
		}
	}
	if ((n = get(svc, "models")) && (n->kind == Y_SEQ || n->kind == Y_MAP))
		for (size_t i = 0; i < (n->kind == Y_SEQ ? n->nitems : n->npairs); i++) {
			const struct y_node *m = n->kind == Y_SEQ ? n->items[i] : n->pairs[i].key;

			if (str_of(m) && !declared(ix, "models", m->str))
				ld_error(L, m, "service \"%s\" refers to undefined model %s", s->name,
					 m->str);
		}
	check_scale(L, s);
	if ((n = get(get(svc, "develop"), "watch")) && n->kind == Y_SEQ)
		for (size_t i = 0; i < n->nitems; i++) {
			const char *action = str_of(get(n->items[i], "action"));

			if (!get(n->items[i], "target") && action && !streq(action, "rebuild") &&
			    !streq(action, "restart"))
				ld_error(L, n->items[i], "services.%s.develop.watch: target is required "
					 "for non-rebuild actions", s->name);
		}
	check_mounts(L, s);
}

/* A dependency cycle, as compose-go's graph package finds it: a depth-first
 * walk over the enabled services; each cycle said once. */
static void find_cycles(struct ld *L, struct index *ix, const struct deps *d)
{
	const struct c_project *p = ix->p;
	unsigned char *state = calloc(p->nservices + 1, 1);	/* 0 new, 1 on path, 2 done */
	size_t *stack = malloc((p->nservices + 1) * sizeof(*stack));
	size_t *next = calloc(p->nservices + 1, sizeof(*next));

	if (!state || !stack || !next)
		goto out;
	for (size_t root = 0; root < p->nservices; root++) {
		size_t top = 0;

		if (state[root] || !p->services[root].active)
			continue;
		stack[top++] = root;
		state[root] = 1;
		while (top) {
			size_t cur = stack[top - 1], ti;
			const struct c_service *t = NULL;

			if (next[cur] < d[cur].n)
				t = find_service(ix, d[cur].v[next[cur]++].name);
			if (!t) {
				if (next[cur] >= d[cur].n) {
					state[cur] = 2;
					top--;
				}
				continue;
			}
			ti = (size_t)(t - p->services);
			if (!t->active || state[ti] == 2)
				continue;
			if (state[ti] == 1) {
				const char *msg = "";
				size_t from = 0;

				while (stack[from] != ti)
					from++;
				for (size_t k = from; k < top; k++)
					msg = arena_printf(L->a, "%s%s -> ", msg, p->services[stack[k]].name);
				ld_error(L, d[cur].v[next[cur] - 1].at, "dependency cycle detected: %s%s",
					 msg, t->name);
				continue;
			}
			state[ti] = 1;
			stack[top++] = ti;
		}
	}
out:
	free(state);
	free(stack);
	free(next);
}

/* validation/external.go and validation.go, for the top-level resources. */
static void check_resources(struct ld *L, const struct y_node *root)
{
	static const char *const file_keys[][4] = {
		{ "secrets", "file", "environment", NULL },
		{ "configs", "file", "environment", "content" },
	};
	const struct y_node *vols = get(root, "volumes");

	for (size_t i = 0; vols && vols->kind == Y_MAP && i < vols->npairs; i++) {
		const struct y_node *v = vols->pairs[i].value, *ext = get(v, "external");

		if (!str_of(ext) || y_bool(ext) != 1)
			continue;
		for (size_t j = 0; j < v->npairs; j++) {
			const char *k = v->pairs[j].key->str;

			if (!streq(k, "name") && !streq(k, "external") && !starts_with(k, "x-"))
				ld_error(L, v->pairs[j].key, "volumes.%s: conflicting parameters "
					 "\"external\" and \"%s\" specified", vols->pairs[i].key->str, k);
		}
	}
	for (size_t k = 0; k < 2; k++) {
		const struct y_node *sec = get(root, file_keys[k][0]);

		for (size_t i = 0; sec && sec->kind == Y_MAP && i < sec->npairs; i++) {
			const struct y_node *v = sec->pairs[i].value;
			const char *what = k ? "file|environment|content" : "file|environment";
			size_t count = 0;

			if (v->kind != Y_MAP)
				continue;
			for (size_t j = 1; j < 4 && file_keys[k][j]; j++)
				count += get(v, file_keys[k][j]) != NULL;
			if (count > 1)
				ld_error(L, sec->pairs[i].key, "%s.%s: %s attributes are mutually exclusive",
					 file_keys[k][0], sec->pairs[i].key->str, what);
			else if (!count && !get(v, "driver") && !get(v, "external"))
				ld_error(L, sec->pairs[i].key, "%s.%s: one of %s must be set",
					 file_keys[k][0], sec->pairs[i].key->str, what);
			if (!k && get(v, "content"))
				ld_error(L, get(v, "content"), "secrets.%s: content is not allowed for "
					 "secrets", sec->pairs[i].key->str);
		}
	}
}

void ld_check_consistency(struct ld *L, const struct c_project *p)
{
	struct deps *d = calloc(p->nservices + 1, sizeof(*d));
	struct index ix = { .p = p, .services = SMAP_INIT };

	if (!d)
		return;
	check_resources(L, p->root);
	for (size_t i = 0; i < p->nservices; i++)
		deps_of(L, p->services[i].node, &d[i]);
	for (size_t i = 0; i < p->nservices; i++)
		if (p->services[i].active)
			check_service(L, &ix, &p->services[i], &d[i]);
	find_cycles(L, &ix, d);
	smap_free(&ix.services);
	for (size_t k = 0; k < 8; k++)
		smap_free(&ix.sec[k].names);
	free(d);
}
