/* The typed model rules see (struct c_service), built from the merged
 * tree: types checked as Compose checks them, references, profiles. */

#include "input/compose/load.h"
#include "util/readfile.h"
#include "util/strbuf.h"

/* Wrong types are the schema's to report (schema.c): the model skips them. */
static void type_error(struct mctx *m, const char *key, const struct y_node *n, const char *want)
{
	(void)m;
	(void)key;
	(void)n;
	(void)want;
}

static struct c_value cval(const struct y_node *n)
{
	struct c_value v = { 0 };

	if (n && n->kind == Y_SCALAR && !is_null(n)) {
		v.s = n->str;
		v.pos = n->pos;
		v.via = n->via;
	}
	return v;
}

static struct c_value want_string(struct mctx *m, const struct y_node *svc, const char *key)
{
	const struct y_node *n = get(svc, key);

	if (n && n->kind != Y_SCALAR)
		type_error(m, key, n, "a string");
	return cval(n);
}

/* compose-go's toBoolean: YAML 1.1 booleans, any case. */
static int parse_bool(const char *s)
{
	static const char *const yes[] = { "true", "yes", "y", "on", NULL };
	static const char *const no[] = { "false", "no", "n", "off", NULL };

	for (const char *const *p = yes; *p; p++)
		if (!strcasecmp(s, *p))
			return 1;
	for (const char *const *p = no; *p; p++)
		if (!strcasecmp(s, *p))
			return 0;
	return -1;
}

/* A boolean as "true" or "false", with the position it was written at. */
static struct c_value want_bool(struct mctx *m, const struct y_node *n, const char *key)
{
	struct c_value v = cval(n);
	int b;

	if (n && n->kind != Y_SCALAR) {
		type_error(m, key, n, "a boolean");
		return v;
	}
	if (!v.s)
		return v;
	if ((b = parse_bool(v.s)) < 0) {
		v.s = NULL;	/* the schema's cast reported it */
		return v;
	}
	v.s = b ? "true" : "false";
	return v;
}

static void list_add(struct arena *a, struct c_list *l, const struct y_node *n, const char *s)
{
	struct c_value *v = ARENA_PUSH(a, l->v, l->n, l->cap);

	v->s = s;
	v->pos = n->pos;
	v->via = n->via;
}

/* A list of strings; with one_ok a single string is a one-item list. */
static void want_list(struct mctx *m, const struct y_node *n, const char *key, bool one_ok,
		      struct c_list *out)
{
	if (is_null(n))
		return;
	out->written = true;
	if (n->kind == Y_SCALAR) {
		if (one_ok)
			list_add(m->L->a, out, n, n->str);
		else
			type_error(m, key, n, "a list");
		return;
	}
	if (n->kind != Y_SEQ) {
		type_error(m, key, n, one_ok ? "a string or a list" : "a list");
		return;
	}
	for (size_t i = 0; i < n->nitems; i++) {
		const struct y_node *it = n->items[i];

		if (it->kind != Y_SCALAR) {
			type_error(m, key, it, "a list of strings");
			continue;
		}
		if (!is_null(it))
			list_add(m->L->a, out, it, it->str);
	}
}

/* Splits a command string into words as go-shellwords does: blanks
 * separate, quotes group, backslash escapes. Returns -1 on an open quote. */
static int split_words(struct arena *a, const struct y_node *n, struct c_list *out)
{
	const char *s = n->str;
	struct strbuf w = STRBUF_INIT;
	bool in_word = false;
	char q = 0;

	for (;; s++) {
		char c = *s;

		if (!c) {
			if (q) {
				strbuf_release(&w);
				return -1;
			}
			if (in_word)
				list_add(a, out, n, arena_strdup(a, w.buf));
			break;
		}
		if (q == '\'') {
			if (c == '\'')
				q = 0;
			else
				strbuf_addch(&w, c);
			continue;
		}
		if (c == '\\' && s[1] && (q != '"' || strchr("\\\"$`\n", s[1]))) {
			strbuf_addch(&w, *++s);
			in_word = true;
			continue;
		}
		if (q == '"') {
			if (c == '"')
				q = 0;
			else
				strbuf_addch(&w, c);
			continue;
		}
		if (c == '\'' || c == '"') {
			q = c;
			in_word = true;
			continue;
		}
		if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
			if (in_word)
				list_add(a, out, n, arena_strdup(a, w.buf));
			strbuf_reset(&w);
			in_word = false;
			continue;
		}
		strbuf_addch(&w, c);
		in_word = true;
	}
	strbuf_release(&w);
	return 0;
}

static void want_command(struct mctx *m, const struct y_node *n, const char *key,
			 struct c_list *out)
{
	if (is_null(n))
		return;
	out->written = true;
	if (n->kind == Y_SCALAR) {
		if (split_words(m->L->a, n, out) < 0)
			ld_error(m->L, n, "services.%s.%s has an unterminated quote", m->svc, key);
		return;
	}
	want_list(m, n, key, false, out);
}

static void kv_add(struct arena *a, struct c_kv **v, size_t *n, size_t *cap,
		   const struct y_node *at, const char *key, const char *value)
{
	struct c_kv *kv = ARENA_PUSH(a, *v, *n, *cap);

	kv->key = key;
	kv->value = value;
	kv->pos = at->pos;
	kv->via = at->via;
	kv->from = NULL;
}

/* environment, labels, logging options: a KEY=VALUE list or a mapping. */
static void want_kv(struct mctx *m, const struct y_node *n, const char *key, bool list_ok,
		    struct c_kv **out, size_t *nout)
{
	size_t cap = 0;

	*out = NULL;
	*nout = 0;
	if (is_null(n))
		return;
	if (n->kind == Y_SEQ && list_ok) {
		for (size_t i = 0; i < n->nitems; i++) {
			const struct y_node *it = n->items[i];
			const char *eq;

			if (it->kind != Y_SCALAR || is_null(it)) {
				type_error(m, key, it, "a list of KEY=VALUE strings");
				continue;
			}
			eq = strchr(it->str, '=');
			kv_add(m->L->a, out, nout, &cap, it,
			       eq ? arena_strndup(m->L->a, it->str, (size_t)(eq - it->str)) : it->str,
			       eq ? eq + 1 : NULL);
		}
		return;
	}
	if (n->kind != Y_MAP) {
		type_error(m, key, n, list_ok ? "a mapping or a list" : "a mapping");
		return;
	}
	for (size_t i = 0; i < n->npairs; i++) {
		const struct y_node *k = n->pairs[i].key, *v = n->pairs[i].value;

		if (v->kind != Y_SCALAR)
			continue;
		kv_add(m->L->a, out, nout, &cap, k, k->str, is_null(v) ? NULL : v->str);
	}
}

static void model_ports(struct mctx *m, const struct y_node *n, struct c_service *s)
{
	size_t cap = 0;

	if (is_null(n))
		return;
	if (n->kind != Y_SEQ) {
		type_error(m, "ports", n, "a list");
		return;
	}
	for (size_t i = 0; i < n->nitems; i++) {
		const struct y_node *it = n->items[i];
		struct c_port port = { 0 };

		port.pos = it->pos;
		port.via = it->via;
		port.protocol = "tcp";
		port.mode = "ingress";
		if (it->kind == Y_SCALAR && !is_null(it)) {
			struct port_spec ps;
			const char *why = short_parse_port(m->L->a, it->str, &ps);

			if (why) {
				ld_error(m->L, it, "services.%s.ports: invalid port \"%s\": %s", m->svc,
					 it->str, why);
				continue;
			}
			port.host_ip = ps.ip;
			port.published = ps.published;
			port.target = ps.target;
			port.protocol = ps.protocol;
		} else if (it->kind == Y_MAP) {
			const char *v;

			port.long_syntax = true;
			port.target = str_of(get(it, "target"));
			if (!port.target) {
				ld_error(m->L, it, "services.%s.ports: a port needs a target", m->svc);
				continue;
			}
			if (!short_port_range(port.target, strlen(port.target))) {
				ld_error(m->L, get(it, "target"), "services.%s.ports: invalid target "
					 "port \"%s\"", m->svc, port.target);
				continue;
			}
			if ((v = str_of(get(it, "published"))) && *v) {
				if (!short_port_range(v, strlen(v))) {
					ld_error(m->L, get(it, "published"), "services.%s.ports: invalid "
						 "published port \"%s\"", m->svc, v);
					continue;
				}
				port.published = v;
			}
			if ((v = str_of(get(it, "host_ip"))) && *v)
				port.host_ip = v;
			if ((v = str_of(get(it, "protocol"))) && *v)
				port.protocol = v;
			if ((v = str_of(get(it, "mode"))) && *v)
				port.mode = v;
		} else {
			type_error(m, "ports", it, "a list of ports");
			continue;
		}
		*ARENA_PUSH(m->L->a, s->ports, s->nports, cap) = port;
	}
}

/* A device's permissions: one to three of r, w and m. */
static bool device_mode(const char *s, size_t n)
{
	if (!n || n > 3)
		return false;
	for (size_t k = 0; k < n; k++)
		if (!strchr("rwm", s[k]))
			return false;
	return true;
}

/* devices: "HOST", "HOST:CONTAINER", "HOST:PERMISSIONS" or
 * "HOST:CONTAINER:PERMISSIONS" (as docker run --device reads them), or the
 * long syntax; the target is the source's and the permissions rwm unless
 * given. Wrong shapes are the schema's to report. */
static void model_devices(struct mctx *m, const struct y_node *n, struct c_service *s)
{
	struct arena *a = m->L->a;
	size_t cap = 0;

	if (is_null(n) || n->kind != Y_SEQ)
		return;
	for (size_t i = 0; i < n->nitems; i++) {
		const struct y_node *it = n->items[i];
		struct c_device d = { .pos = it->pos, .via = it->via };

		if (it->kind == Y_SCALAR && !is_null(it)) {
			const char *p = it->str, *c1 = strchr(p, ':'), *c2 = c1 ? strchr(c1 + 1, ':') : NULL;

			d.source = c1 ? arena_strndup(a, p, (size_t)(c1 - p)) : p;
			if (c2) {
				d.target = arena_strndup(a, c1 + 1, (size_t)(c2 - c1 - 1));
				d.permissions = c2 + 1;
			} else if (c1 && device_mode(c1 + 1, strlen(c1 + 1))) {
				d.permissions = c1 + 1;
			} else if (c1) {
				d.target = c1 + 1;
			}
		} else if (it->kind == Y_MAP) {
			d.source = str_of(get(it, "source"));
			d.target = str_of(get(it, "target"));
			d.permissions = str_of(get(it, "permissions"));
		}
		if (!d.source || !*d.source)
			continue;
		if (!d.target || !*d.target)
			d.target = d.source;
		if (!d.permissions || !*d.permissions)
			d.permissions = "rwm";
		*ARENA_PUSH(a, s->devices, s->ndevices, cap) = d;
	}
}

/* A bind source made relative to the project: not ~, not a Windows path. */
static bool resolvable(const char *src)
{
	return src[0] != '~' && src[0] != '\\' && !(src[0] && src[1] == ':' && src[0] != '.');
}

static void model_volumes(struct mctx *m, const struct y_node *n, struct c_service *s)
{
	static const char *const types[] = {
		"bind", "volume", "tmpfs", "npipe", "image", "cluster", NULL,
	};
	size_t cap = 0;

	if (is_null(n))
		return;
	if (n->kind != Y_SEQ) {
		type_error(m, "volumes", n, "a list");
		return;
	}
	for (size_t i = 0; i < n->nitems; i++) {
		const struct y_node *it = n->items[i];
		struct c_volume vol = { 0 };

		vol.pos = it->pos;
		vol.via = it->via;
		if (it->kind == Y_SCALAR && !is_null(it)) {
			struct vol_spec vs;
			const char *why = short_parse_volume(m->L->a, it->str, &vs);

			if (why) {
				ld_error(m->L, it, "services.%s.volumes: invalid volume \"%s\": %s",
					 m->svc, it->str, why);
				continue;
			}
			vol.type = vs.bind ? "bind" : "volume";
			vol.source = vs.source;
			if (vs.bind && resolvable(vs.source))
				vol.source = ld_resolve_at(m->L, it, vs.source);
			vol.target = vs.target;
			vol.read_only = vs.read_only;
			vol.propagation = vs.propagation;
		} else if (it->kind == Y_MAP) {
			const struct y_node *ro = get(it, "read_only"), *src = get(it, "source");

			vol.long_syntax = true;
			vol.type = str_of(get(it, "type"));
			if (!vol.type || !one_of(vol.type, types))
				continue;	/* the schema's to report */
			vol.target = str_of(get(it, "target"));
			if (!vol.target) {
				ld_error(m->L, it, "services.%s.volumes: a volume needs a target",
					 m->svc);
				continue;
			}
			vol.source = str_of(src);
			if (vol.source && !*vol.source)
				vol.source = NULL;
			if (vol.source && streq(vol.type, "bind") && resolvable(vol.source))
				vol.source = ld_resolve_at(m->L, src, vol.source);
			if (streq(vol.type, "tmpfs"))
				vol.source = NULL;
			vol.read_only = streq(want_bool(m, ro, "volumes.read_only").s, "true");
			vol.propagation = str_of(get(get(it, "bind"), "propagation"));
		} else {
			type_error(m, "volumes", it, "a list of volumes");
			continue;
		}
		*ARENA_PUSH(m->L->a, s->volumes, s->nvolumes, cap) = vol;
	}
}

static void model_depends(struct mctx *m, const struct y_node *n, struct c_service *s)
{
	static const char *const conditions[] = {
		"service_started", "service_healthy", "service_completed_successfully", NULL,
	};
	size_t cap = 0;

	if (is_null(n))
		return;
	if (n->kind == Y_SEQ) {
		for (size_t i = 0; i < n->nitems; i++) {
			const struct y_node *it = n->items[i];
			struct c_dep *d;

			if (!str_of(it)) {
				type_error(m, "depends_on", it, "a list of service names");
				continue;
			}
			d = ARENA_PUSH(m->L->a, s->depends_on, s->ndepends_on, cap);
			d->service = it->str;
			d->condition = "service_started";
			d->pos = it->pos;
			d->via = it->via;
		}
		return;
	}
	if (n->kind != Y_MAP) {
		type_error(m, "depends_on", n, "a list or a mapping");
		return;
	}
	for (size_t i = 0; i < n->npairs; i++) {
		const struct y_node *k = n->pairs[i].key, *v = n->pairs[i].value, *c;
		struct c_dep *d;

		if (!is_null(v) && v->kind != Y_MAP)
			continue;
		d = ARENA_PUSH(m->L->a, s->depends_on, s->ndepends_on, cap);
		d->service = k->str;
		d->condition = "service_started";
		d->pos = k->pos;
		d->via = k->via;
		if ((c = get(v, "condition")) && !is_null(c)) {
			if (str_of(c) && one_of(c->str, conditions))
				d->condition = c->str;
		}
	}
}

static void model_build_section(struct mctx *m, const struct y_node *n, struct c_service *s)
{
	const struct y_node *ctx = NULL, *df = NULL, *inl = NULL, *tg = NULL;
	const char *context, *dockerfile;

	if (is_null(n))
		return;
	if (n->kind == Y_SCALAR) {
		ctx = n;
	} else if (n->kind == Y_MAP) {
		ctx = get(n, "context");
		df = get(n, "dockerfile");
		inl = get(n, "dockerfile_inline");
		tg = get(n, "target");
	} else {
		type_error(m, "build", n, "a path or a mapping");
		return;
	}
	context = str_of(ctx);
	if (!context || !*context) {
		/* The default is applied after extends and merging, against the
		 * folder of the project the service belongs to (compose-go
		 * transform.SetDefaultValues, then paths.ResolveRelativePaths):
		 * not the folder of a file the build section was extended from. */
		context = ld_resolve_at(m->L, &(struct y_node){ .pos = s->pos }, ".");
	} else if (!ld_is_remote(context)) {
		context = ld_resolve_at(m->L, ctx, context);
	}
	s->build_context = cval(ctx && str_of(ctx) ? ctx : n);
	if (!s->build_context.s) {
		s->build_context.pos = n->pos;
		s->build_context.via = n->via;
	}
	s->build_context.s = context;
	s->build_target = cval(tg);
	if (str_of(inl) || ld_is_remote(context))
		return;	/* no Dockerfile to open */
	dockerfile = str_of(df) && *str_of(df) ? str_of(df) : "Dockerfile";
	s->build_dockerfile = cval(str_of(df) ? df : n);
	if (!s->build_dockerfile.s) {
		s->build_dockerfile.pos = n->pos;
		s->build_dockerfile.via = n->via;
	}
	s->build_dockerfile.s = path_join(m->L->a, context, dockerfile);
}

static void model_service(struct ld *L, struct y_pair *sp, struct c_service *s)
{
	struct mctx m = { L, sp->key->str };
	const struct y_node *svc = sp->value, *n, *hc, *dep, *rp, *lg;

	s->name = sp->key->str;
	s->pos = sp->key->pos;
	s->node = svc;
	s->image = want_string(&m, svc, "image");
	s->user = want_string(&m, svc, "user");
	s->restart = want_string(&m, svc, "restart");
	s->network_mode = want_string(&m, svc, "network_mode");
	s->pid = want_string(&m, svc, "pid");
	s->ipc = want_string(&m, svc, "ipc");
	s->uts = want_string(&m, svc, "uts");
	s->mem_limit = want_string(&m, svc, "mem_limit");
	s->cpus = want_string(&m, svc, "cpus");
	s->pids_limit = want_string(&m, svc, "pids_limit");
	s->userns_mode = want_string(&m, svc, "userns_mode");
	s->container_name = want_string(&m, svc, "container_name");
	s->privileged = want_bool(&m, get(svc, "privileged"), "privileged");
	s->read_only = want_bool(&m, get(svc, "read_only"), "read_only");
	s->init = want_bool(&m, get(svc, "init"), "init");
	model_build_section(&m, get(svc, "build"), s);
	want_list(&m, get(svc, "cap_add"), "cap_add", false, &s->cap_add);
	want_list(&m, get(svc, "cap_drop"), "cap_drop", false, &s->cap_drop);
	want_list(&m, get(svc, "security_opt"), "security_opt", false, &s->security_opt);
	want_list(&m, get(svc, "profiles"), "profiles", false, &s->profiles);
	want_list(&m, get(svc, "expose"), "expose", false, &s->expose);
	want_command(&m, get(svc, "command"), "command", &s->command);
	want_command(&m, get(svc, "entrypoint"), "entrypoint", &s->entrypoint);
	if ((n = get(svc, "networks")) && n->kind == Y_MAP) {
		for (size_t i = 0; i < n->npairs; i++) {
			list_add(L->a, &s->networks, n->pairs[i].key, n->pairs[i].key->str);
		}
	} else {
		want_list(&m, n, "networks", false, &s->networks);
	}
	model_ports(&m, get(svc, "ports"), s);
	model_volumes(&m, get(svc, "volumes"), s);
	model_devices(&m, get(svc, "devices"), s);
	want_kv(&m, get(svc, "environment"), "environment", true, &s->environment,
		&s->nenvironment);
	want_kv(&m, get(svc, "labels"), "labels", true, &s->labels, &s->nlabels);
	model_depends(&m, get(svc, "depends_on"), s);
	if ((lg = get(svc, "logging")) && !is_null(lg)) {
		if (lg->kind != Y_MAP) {
			type_error(&m, "logging", lg, "a mapping");
		} else {
			if ((n = get(lg, "driver")) && n->kind != Y_SCALAR)
				type_error(&m, "logging.driver", n, "a string");
			s->logging_driver = cval(get(lg, "driver"));
			want_kv(&m, get(lg, "options"), "logging.options", false,
				&s->logging_options, &s->nlogging_options);
		}
	}
	if ((dep = get(svc, "deploy")) && !is_null(dep)) {
		const struct y_node *lim = get(get(dep, "resources"), "limits");

		if (lim && lim->kind == Y_MAP) {
			s->deploy_limit_memory = cval(get(lim, "memory"));
			s->deploy_limit_cpus = cval(get(lim, "cpus"));
			s->deploy_limit_pids = cval(get(lim, "pids"));
		}
		if (dep->kind != Y_MAP) {
			type_error(&m, "deploy", dep, "a mapping");
		} else if ((rp = get(dep, "restart_policy")) && !is_null(rp)) {
			if (rp->kind != Y_MAP) {
				type_error(&m, "deploy.restart_policy", rp, "a mapping");
			} else {
				if ((n = get(rp, "condition")) && n->kind != Y_SCALAR)
					type_error(&m, "deploy.restart_policy.condition", n, "a string");
				if ((n = get(rp, "max_attempts")) && n->kind != Y_SCALAR)
					type_error(&m, "deploy.restart_policy.max_attempts", n,
						   "a number");
				s->deploy_restart_condition = cval(get(rp, "condition"));
				s->deploy_restart_max_attempts = cval(get(rp, "max_attempts"));
			}
		}
	}
	hc = get(svc, "healthcheck");
	if (hc && !is_null(hc) && hc->kind != Y_MAP) {
		type_error(&m, "healthcheck", hc, "a mapping");
	} else if (hc && !is_null(hc)) {
		const struct y_node *t = get(hc, "test");

		s->has_healthcheck = s->healthcheck_written = true;
		if (streq(want_bool(&m, get(hc, "disable"), "healthcheck.disable").s, "true"))
			s->has_healthcheck = false;
		if (t && t->kind == Y_SEQ && t->nitems && streq(str_of(t->items[0]), "NONE"))
			s->has_healthcheck = false;
		if (t && !is_null(t) && t->kind == Y_MAP)
			type_error(&m, "healthcheck.test", t, "a string or a list");
	}
}

static bool profile_enabled(const char *const *enabled, size_t n, const struct c_service *s)
{
	if (!s->profiles.n)
		return true;
	for (size_t i = 0; i < s->profiles.n; i++)
		for (size_t j = 0; j < n; j++)
			if (streq(enabled[j], "*") || streq(enabled[j], s->profiles.v[i].s))
				return true;
	return false;
}

const char *ld_normalize_name(struct arena *a, const char *s)
{
	char *o = arena_alloc(a, strlen(s) + 1);
	size_t n = 0;

	for (; *s; s++) {
		char c = *s >= 'A' && *s <= 'Z' ? (char)(*s - 'A' + 'a') : *s;

		if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '-') {
			if (!n && (c == '_' || c == '-'))
				continue;
			o[n++] = c;
		}
	}
	o[n] = 0;
	return o;
}

/* The variables a service's file was interpolated with: an included
 * project's own (its env_file), else the project's. */
static const struct env *env_of(const struct ld *L, const struct c_project *p,
				const struct c_service *s)
{
	for (size_t i = 0; i < L->nfiles; i++)
		if (L->files[i]->env && streq(L->files[i]->path, s->pos.file))
			return L->files[i]->env;
	return &p->env;
}

/* The variables of a service's environment so far: idx has their index. */
struct kvset {
	struct c_kv *v;
	size_t n, cap;
	struct smap idx;
};

static void kv_set(struct arena *a, struct kvset *e, const struct c_kv *kv)
{
	size_t *i = smap_find(&e->idx, kv->key);

	if (i) {
		e->v[*i] = *kv;
		return;
	}
	*ARENA_PUSH(a, e->v, e->n, e->cap) = *kv;
	smap_put(&e->idx, kv->key, e->n - 1);
}

/* One env_file entry: its variables into v (compose-go loadEnvFile). */
static void read_env_file(struct ld *L, const struct env *env, struct c_service *s,
			  const struct y_node *it, struct kvset *e)
{
	const struct y_node *pn = it->kind == Y_MAP ? get(it, "path") : it;
	const struct y_node *req = it->kind == Y_MAP ? get(it, "required") : NULL;
	const char *path, *why, *msg = NULL;
	struct env vars = { 0 };
	unsigned line = 0;
	size_t len;
	char *buf;

	if (!str_of(pn))
		return;
	path = ld_resolve_at(L, pn, pn->str);
	if (L->nofs) {
		buf = NULL;
		why = "other files are not read here";
	} else {
		buf = read_file(L->a, path, &len, &why);
	}
	if (!buf) {
		/* required: true unless said otherwise (types.EnvFile). */
		if (s->active && !(str_of(req) && (y_bool(req) == 0 || !strcasecmp(req->str, "no") ||
		    !strcasecmp(req->str, "n") || !strcasecmp(req->str, "off"))))
		{
			const char *name = strrchr(path, '/') ? strrchr(path, '/') + 1 : path;

			/* .env, prod.env: local settings, not committed by design. */
			if (L->checkout && (!strncmp(name, ".env", 4) || (strlen(name) > 4 &&
			    !strcmp(name + strlen(name) - 4, ".env"))))
				report_note(L->r, pn->pos.file, "env file %s is not in the tree (such "
					    "files are usually not committed): the variables it "
					    "sets are unknown here", display_path(L->a, path));
			else
				ld_error(L, pn, "env file %s not found: %s", path, why);
		}
		return;
	}
	if (dotenv_parse(L->a, path, buf, len, &vars, env, &line, &msg) < 0) {
		if (s->active)
			ld_error_at(L, path, line, "%s", msg ? msg : "invalid .env syntax");
		return;
	}
	for (size_t i = 0; i < vars.n; i++) {
		struct c_kv kv = { vars.v[i].name, vars.v[i].value, it->pos, it->via, path,
				   vars.v[i].line, vars.v[i].process };

		if (vars.v[i].process)	/* FOO=${TOKEN}: not printed */
			report_redact(L->r, vars.v[i].name, vars.v[i].value);
		kv_set(L->a, e, &kv);
	}
}

/* The service's environment as Compose gives it to the container
 * (compose-go types/project.go WithServicesEnvironmentResolved and
 * loader/environment.go ResolveEnvironment): the env_file variables in
 * order, then the service's own entries over them, a KEY without a value
 * taken from the variables its file was interpolated with (the shell, .env,
 * an include's env_file: loader/include_test.go TestLoadWithIncludeEnv),
 * which env_file contents are interpolated with too
 * (TestIncludeEnvFileInterpolation), else left without one. */
static void resolve_environment(struct ld *L, const struct c_project *p, struct c_service *s)
{
	const struct y_node *ef = get(s->node, "env_file");
	const struct env *env = env_of(L, p, s);
	struct kvset e = { .v = NULL, .n = 0, .cap = 0, .idx = SMAP_INIT };

	if (is_null(ef) && !s->nenvironment)
		return;
	if (ef && ef->kind == Y_SEQ)
		for (size_t i = 0; i < ef->nitems; i++)
			read_env_file(L, env, s, ef->items[i], &e);
	else if (ef && ef->kind == Y_SCALAR)
		read_env_file(L, env, s, ef, &e);
	for (size_t i = 0; i < s->nenvironment; i++) {
		struct c_kv kv = s->environment[i];

		if (!kv.value) {
			const struct env_var *ev = env_get(env, kv.key, strlen(kv.key));

			if (ev) {
				kv.value = ev->value;
				kv.from = "environment";
				if (ev->process)	/* environment: [TOKEN]: not printed */
					report_redact(L->r, ev->name, ev->value);
			}
		}
		kv_set(L->a, &e, &kv);
	}
	smap_free(&e.idx);
	s->environment = e.v;
	s->nenvironment = e.n;
}

/* Sets awaited on the services others wait for to end: by name, hashed (a
 * scan of all services for each one was quadratic). */
static void mark_awaited(struct c_project *p)
{
	struct smap idx = SMAP_INIT;

	for (size_t i = 0; i < p->nservices; i++)
		if (!smap_find(&idx, p->services[i].name))
			smap_put(&idx, p->services[i].name, i);
	for (size_t j = 0; j < p->nservices; j++) {
		const struct c_service *o = &p->services[j];

		for (size_t k = 0; k < o->ndepends_on; k++) {
			const struct c_dep *d = &o->depends_on[k];
			size_t *i;

			if (d->service && d->condition &&
			    streq(d->condition, "service_completed_successfully") &&
			    (i = smap_find(&idx, d->service)))
				p->services[*i].awaited = true;
		}
	}
	smap_free(&idx);
}

/* Builds out's services from out->root. */
void ld_build_model(struct ld *L, struct c_project *out, const char *const *profiles,
		    size_t nprofiles)
{
	struct y_node *services = get(out->root, "services");

	if (!services || services->kind != Y_MAP)
		return;
	/* At most one per key, allocated at once: a service is a kilobyte,
	 * and growing the array by doubling zeroed and copied many. */
	out->services = arena_alloc(L->a, services->npairs * sizeof(*out->services));
	for (size_t i = 0; i < services->npairs; i++) {
		struct y_pair *sp = &services->pairs[i];
		struct c_service *s;

		/* Every key is a service, x-* too (compose-go: the schema's
		 * ^[a-zA-Z0-9._-]+$ takes them). */
		if (sp->value->kind != Y_MAP)
			continue;	/* the schema's to report */
		s = &out->services[out->nservices++];
		model_service(L, sp, s);
		s->active = profile_enabled(profiles, nprofiles, s);
		resolve_environment(L, out, s);
	}
	mark_awaited(out);
	ld_check_consistency(L, out);
}
