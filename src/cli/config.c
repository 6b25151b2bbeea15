/* seaworthy config: the resolved Compose project as JSON, like
 * `docker compose config --format json`, with where every value was
 * written. The shape is described in docs/compose.md. */
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "run/options.h"
#include "input/compose/project.h"
#include "checks/check.h"
#include "util/strbuf.h"

#define JSON_DEPTH (Y_MAX_DEPTH + 8)

extern const struct subcommand cmd_config;

/* A JSON string; bytes that are not UTF-8 become U+FFFD. */
static json_t *jstr(const char *s, size_t len)
{
	struct strbuf sb = STRBUF_INIT;
	json_t *j = json_stringn(s, len);

	if (j)
		return j;
	for (size_t i = 0; i < len;) {
		unsigned char c = (unsigned char)s[i];
		size_t n = c < 0x80 ? 1 : (c >> 5) == 6 ? 2 : (c >> 4) == 14 ? 3 : (c >> 3) == 30 ? 4 : 0;
		json_t *t = n && i + n <= len ? json_stringn(s + i, n) : NULL;

		if (t) {
			strbuf_add(&sb, s + i, n);
			json_decref(t);
			i += n;
		} else {
			strbuf_addstr(&sb, "\xef\xbf\xbd");
			i++;
		}
	}
	j = json_stringn(sb.buf, sb.len);
	strbuf_release(&sb);
	return j ? j : json_string("");
}

static void add_pos(json_t *o, const struct y_pos *p)
{
	json_object_set_new(o, "file", p->file ? jstr(p->file, strlen(p->file)) : json_null());
	json_object_set_new(o, "line", json_integer(p->line));
	json_object_set_new(o, "column", json_integer(p->col));
}

/* {"value": ..., "file": ..., "line": ..., "column": ..., "via": {...}} */
static json_t *jscalar(const struct y_node *n)
{
	json_t *o = json_object();

	json_object_set_new(o, "value", y_is_null(n) ? json_null() : jstr(n->str, n->len));
	add_pos(o, &n->pos);
	if (n->via.file) {
		json_t *via = json_object();

		add_pos(via, &n->via);
		json_object_set_new(o, "via", via);
	}
	return o;
}

static int cmp_pairs(const void *a, const void *b)
{
	const struct y_pair *pa = *(const struct y_pair *const *)a;
	const struct y_pair *pb = *(const struct y_pair *const *)b;

	return strcmp(pa->key->str, pb->key->str);
}

static void jset(json_t *obj, const char *key, size_t len, json_t *v)
{
	json_t *k = jstr(key, len);

	json_object_set_new(obj, json_string_value(k), v);
	json_decref(k);
}

static json_t *jtree(const struct y_node *n, int depth)
{
	json_t *o;

	if (!n || depth > JSON_DEPTH)
		return json_null();
	switch (n->kind) {
	case Y_SCALAR:
		return jscalar(n);
	case Y_SEQ:
		o = json_array();
		for (size_t i = 0; i < n->nitems; i++)
			json_array_append_new(o, jtree(n->items[i], depth + 1));
		return o;
	case Y_MAP: {
		/* Keys sorted, as docker compose config prints them. */
		const struct y_pair **v = malloc((n->npairs + 1) * sizeof(*v));

		if (!v)
			return json_null();
		for (size_t i = 0; i < n->npairs; i++)
			v[i] = &n->pairs[i];
		qsort(v, n->npairs, sizeof(*v), cmp_pairs);
		o = json_object();
		for (size_t i = 0; i < n->npairs; i++)
			jset(o, v[i]->key->str, v[i]->key->len, jtree(v[i]->value, depth + 1));
		free(v);
		return o;
	}
	}
	return json_null();
}

static json_t *jlist(const char *const *v, size_t n)
{
	json_t *a = json_array();

	for (size_t i = 0; i < n; i++)
		json_array_append_new(a, jstr(v[i], strlen(v[i])));
	return a;
}

static int cmp_services(const void *a, const void *b)
{
	return strcmp((*(const struct c_service *const *)a)->name,
		      (*(const struct c_service *const *)b)->name);
}

/* name, services, disabled_services, the other top-level sections sorted,
 * then x-seaworthy (how the project was loaded). */
static json_t *project_json(const struct c_project *p, const char *const *profiles,
			    size_t nprofiles)
{
	json_t *o = json_object(), *active = json_object(), *disabled = json_object(), *meta;
	const struct y_node *name = y_get(p->root, "name");
	const struct y_pair **top = malloc((p->root->npairs + 1) * sizeof(*top));
	const struct c_service **svc = malloc((p->nservices + 1) * sizeof(*svc));
	size_t ntop = 0;

	if (!top || !svc) {
		free(top);
		free(svc);
		return o;
	}
	/* The name as resolved; with a position when the file's name: gave it. */
	if (name && name->kind == Y_SCALAR && !y_is_null(name) && !strcmp(name->str, p->name)) {
		json_object_set_new(o, "name", jscalar(name));
	} else {
		json_t *nm = json_object();

		json_object_set_new(nm, "value", jstr(p->name, strlen(p->name)));
		json_object_set_new(o, "name", nm);
	}
	for (size_t i = 0; i < p->nservices; i++)
		svc[i] = &p->services[i];
	qsort(svc, p->nservices, sizeof(*svc), cmp_services);
	for (size_t i = 0; i < p->nservices; i++)
		jset(svc[i]->active ? active : disabled, svc[i]->name, strlen(svc[i]->name),
		     jtree(svc[i]->node, 2));
	json_object_set_new(o, "services", active);
	if (json_object_size(disabled))
		json_object_set_new(o, "disabled_services", disabled);
	else
		json_decref(disabled);
	for (size_t i = 0; i < p->root->npairs; i++) {
		const char *k = p->root->pairs[i].key->str;

		if (strcmp(k, "name") && strcmp(k, "services") && strcmp(k, "version") &&
		    strcmp(k, "include") && strcmp(k, "x-seaworthy"))
			top[ntop++] = &p->root->pairs[i];
	}
	qsort(top, ntop, sizeof(*top), cmp_pairs);
	for (size_t i = 0; i < ntop; i++)
		jset(o, top[i]->key->str, top[i]->key->len, jtree(top[i]->value, 1));
	meta = json_object();
	json_object_set_new(meta, "project_directory", jstr(p->dir, strlen(p->dir)));
	json_object_set_new(meta, "files", jlist(p->files, p->nfiles));
	json_object_set_new(meta, "profiles", jlist(profiles, nprofiles));
	json_object_set_new(o, "x-seaworthy", meta);
	free(top);
	free(svc);
	return o;
}

/* --- --model: the typed model rules see ------------------------------------- */

static void add_posvia(json_t *o, const struct y_pos *pos, const struct y_pos *via)
{
	add_pos(o, pos);
	if (via->file) {
		json_t *v = json_object();

		add_pos(v, via);
		json_object_set_new(o, "via", v);
	}
}

static json_t *jval(const struct c_value *v)
{
	json_t *o = json_object();

	json_object_set_new(o, "value", jstr(v->s, strlen(v->s)));
	add_posvia(o, &v->pos, &v->via);
	return o;
}

static json_t *jopt(const char *s)
{
	return s ? jstr(s, strlen(s)) : json_null();
}

static void set_val(json_t *o, const char *key, const struct c_value *v)
{
	if (v->s)
		json_object_set_new(o, key, jval(v));
}

static void set_list(json_t *o, const char *key, const struct c_list *l)
{
	json_t *a;

	if (!l->n && !l->written)
		return;
	a = json_array();
	for (size_t i = 0; i < l->n; i++)
		json_array_append_new(a, jval(&l->v[i]));
	json_object_set_new(o, key, a);
}

static void set_kv(json_t *o, const char *key, const struct c_kv *kv, size_t n)
{
	json_t *a;

	if (!n)
		return;
	a = json_array();
	for (size_t i = 0; i < n; i++) {
		json_t *e = json_object();

		json_object_set_new(e, "key", jstr(kv[i].key, strlen(kv[i].key)));
		json_object_set_new(e, "value", jopt(kv[i].value));
		if (kv[i].from)
			json_object_set_new(e, "from", jstr(kv[i].from, strlen(kv[i].from)));
		add_posvia(e, &kv[i].pos, &kv[i].via);
		json_array_append_new(a, e);
	}
	json_object_set_new(o, key, a);
}

static json_t *service_json(const struct c_service *s)
{
	json_t *o = json_object(), *a;

	json_object_set_new(o, "name", jstr(s->name, strlen(s->name)));
	add_pos(o, &s->pos);
	json_object_set_new(o, "active", json_boolean(s->active));
	set_list(o, "profiles", &s->profiles);
	set_val(o, "image", &s->image);
	set_val(o, "build_context", &s->build_context);
	set_val(o, "build_dockerfile", &s->build_dockerfile);
	set_val(o, "build_target", &s->build_target);
	set_val(o, "user", &s->user);
	set_val(o, "restart", &s->restart);
	set_val(o, "deploy_restart_condition", &s->deploy_restart_condition);
	set_val(o, "deploy_restart_max_attempts", &s->deploy_restart_max_attempts);
	set_val(o, "network_mode", &s->network_mode);
	set_val(o, "pid", &s->pid);
	set_val(o, "ipc", &s->ipc);
	set_val(o, "uts", &s->uts);
	set_val(o, "userns_mode", &s->userns_mode);
	set_val(o, "privileged", &s->privileged);
	set_val(o, "read_only", &s->read_only);
	set_val(o, "init", &s->init);
	set_val(o, "container_name", &s->container_name);
	set_val(o, "mem_limit", &s->mem_limit);
	set_val(o, "cpus", &s->cpus);
	set_val(o, "pids_limit", &s->pids_limit);
	set_val(o, "deploy_limit_memory", &s->deploy_limit_memory);
	set_val(o, "deploy_limit_cpus", &s->deploy_limit_cpus);
	set_val(o, "deploy_limit_pids", &s->deploy_limit_pids);
	set_list(o, "command", &s->command);
	set_list(o, "entrypoint", &s->entrypoint);
	set_list(o, "cap_add", &s->cap_add);
	set_list(o, "security_opt", &s->security_opt);
	set_list(o, "networks", &s->networks);
	set_list(o, "expose", &s->expose);
	if (s->nports) {
		a = json_array();
		for (size_t i = 0; i < s->nports; i++) {
			const struct c_port *p = &s->ports[i];
			json_t *e = json_object();

			json_object_set_new(e, "host_ip", jopt(p->host_ip));
			json_object_set_new(e, "published", jopt(p->published));
			json_object_set_new(e, "target", jopt(p->target));
			json_object_set_new(e, "protocol", jopt(p->protocol));
			json_object_set_new(e, "mode", jopt(p->mode));
			json_object_set_new(e, "long_syntax", json_boolean(p->long_syntax));
			add_posvia(e, &p->pos, &p->via);
			json_array_append_new(a, e);
		}
		json_object_set_new(o, "ports", a);
	}
	if (s->nvolumes) {
		a = json_array();
		for (size_t i = 0; i < s->nvolumes; i++) {
			const struct c_volume *v = &s->volumes[i];
			json_t *e = json_object();

			json_object_set_new(e, "type", jopt(v->type));
			json_object_set_new(e, "source", jopt(v->source));
			json_object_set_new(e, "target", jopt(v->target));
			json_object_set_new(e, "read_only", json_boolean(v->read_only));
			json_object_set_new(e, "long_syntax", json_boolean(v->long_syntax));
			add_posvia(e, &v->pos, &v->via);
			json_array_append_new(a, e);
		}
		json_object_set_new(o, "volumes", a);
	}
	if (s->ndevices) {
		a = json_array();
		for (size_t i = 0; i < s->ndevices; i++) {
			const struct c_device *d = &s->devices[i];
			json_t *e = json_object();

			json_object_set_new(e, "source", jopt(d->source));
			json_object_set_new(e, "target", jopt(d->target));
			json_object_set_new(e, "permissions", jopt(d->permissions));
			add_posvia(e, &d->pos, &d->via);
			json_array_append_new(a, e);
		}
		json_object_set_new(o, "devices", a);
	}
	set_kv(o, "environment", s->environment, s->nenvironment);
	set_kv(o, "labels", s->labels, s->nlabels);
	set_val(o, "logging_driver", &s->logging_driver);
	set_kv(o, "logging_options", s->logging_options, s->nlogging_options);
	if (s->ndepends_on) {
		a = json_array();
		for (size_t i = 0; i < s->ndepends_on; i++) {
			const struct c_dep *d = &s->depends_on[i];
			json_t *e = json_object();

			json_object_set_new(e, "service", jopt(d->service));
			json_object_set_new(e, "condition", jopt(d->condition));
			add_posvia(e, &d->pos, &d->via);
			json_array_append_new(a, e);
		}
		json_object_set_new(o, "depends_on", a);
	}
	json_object_set_new(o, "has_healthcheck", json_boolean(s->has_healthcheck));
	return o;
}

static json_t *model_json(const struct c_project *p)
{
	json_t *o = json_object(), *a = json_array();

	json_object_set_new(o, "name", jstr(p->name, strlen(p->name)));
	json_object_set_new(o, "project_directory", jstr(p->dir, strlen(p->dir)));
	json_object_set_new(o, "files", jlist(p->files, p->nfiles));
	for (size_t i = 0; i < p->nservices; i++)
		json_array_append_new(a, service_json(&p->services[i]));
	json_object_set_new(o, "services", a);
	return o;
}

static void print_problems(const struct report *r)
{
	for (size_t i = 0; i < r->nfindings; i++) {
		const struct finding *f = &r->findings[i];

		if (f->file)
			fprintf(stderr, "%s:%u:%u: ", f->file, f->line, f->col);
		fprintf(stderr, "%s[%s] %s\n", severity_name(f->severity), f->rule->id, f->message);
	}
	for (size_t i = 0; i < r->nerrors; i++) {
		const struct input_error *e = &r->errors[i];

		if (e->file && e->line && e->col)
			fprintf(stderr, "%s:%u:%u: ", e->file, e->line, e->col);
		else if (e->file && e->line)
			fprintf(stderr, "%s:%u: ", e->file, e->line);
		else if (e->file)
			fprintf(stderr, "%s: ", e->file);
		fprintf(stderr, "error: %s\n", e->message);
	}
}

static const struct opt *const config_opts[] = {
	&opt_file, &opt_project_dir, &opt_env_file, &opt_profile, &opt_model, OPTS_COLOR, NULL
};

static int run(int argc, char **argv)
{
	struct compose_opts o = { 0 };
	struct run_opts ro = RUN_OPTS_INIT;
	struct arena a = ARENA_INIT;
	struct report r;
	struct c_project p;
	const char *dir = NULL;
	const char **operands = calloc((size_t)argc + 1, sizeof(*operands));
	size_t noperands = 0;
	bool model;
	int status = EXIT_CLEAN, rc;

	if (!operands)
		return EXIT_TROUBLE;
	rc = run_parse(&cmd_config, config_opts, argc, argv, &ro, &a, operands, &noperands);
	if (!rc && noperands > 1)
		rc = usage_error(&cmd_config, "expected at most one DIR, not '%s' and '%s'",
				 operands[0], operands[1]);
	dir = noperands ? operands[0] : NULL;
	free(operands);
	if (!rc && dir && ro.files.n)
		rc = usage_error(&cmd_config, "give either -f FILE or DIR '%s', not both", dir);
	if (rc) {
		arena_release(&a);
		return rc == 1 ? EXIT_CLEAN : EXIT_TROUBLE;
	}
	model = ro.model;
	o.files = ro.files.v;
	o.nfiles = ro.files.n;
	o.env_files = ro.env_files.v;
	o.nenv_files = ro.env_files.n;
	o.profiles = ro.profiles.v;
	o.nprofiles = ro.profiles.n;
	o.project_dir = ro.project_dir;
	o.dir = dir;
	report_init(&r, &a);
	rc = compose_load(&a, &o, &p, &r);
	report_sort(&r);
	print_problems(&r);
	if (rc < 0 || r.nerrors) {
		status = EXIT_TROUBLE;
	} else {
		json_t *j;
		char *s;
		j = model ? model_json(&p) : project_json(&p, p.profiles, p.nprofiles);
		s = json_dumps(j, JSON_INDENT(2));
		if (s) {
			fputs(s, stdout);
			fputc('\n', stdout);
		}
		free(s);
		json_decref(j);
	}
	arena_release(&a);
	return status;
}

const struct subcommand cmd_config = {
	.name = "config",
	.usage = "config [-f FILE]... [--project-directory DIR] [--env-file FILE]... "
		 "[--profile NAME]... [--model] [DIR]",
	.summary = "Print the resolved Compose project as JSON, with where each value was written.",
	.help = "options:\n"
		"  -f, --file FILE            a compose file, in merge order (repeatable); default:\n"
		"                             COMPOSE_FILE, else compose.yaml (or docker-compose.yml)\n"
		"                             and its override file in DIR\n"
		"  --project-directory DIR    the folder relative paths and .env are read from;\n"
		"                             default: the first file's folder\n"
		"  --env-file FILE            variables for interpolation instead of .env (repeatable)\n"
		"  --profile NAME             enable a profile (repeatable); default: COMPOSE_PROFILES\n"
		"  --model                    print the typed model the compose rules see instead\n"
		"  --color WHEN, --no-color   taken as by every command; this output has no colour\n"
		"\nExit status: 0 when the project loads, 2 when Compose would refuse it (the\n"
		"errors go to standard error, as file:line: error: message).\n",
	.run = run,
};
