/* libFuzzer target for the whole compose loader: any bytes as one compose
 * file (compose_load_buffer, which reads nothing from the disk), through
 * parsing, interpolation, extends, merging, unicity and the typed model;
 * then a walk over the model that touches every string and checks the
 * invariants rules rely on; then every compose and runtime check over it
 * (with no Dockerfiles, as for a project whose images come from a
 * registry). No input may crash, hang, leak or trip a sanitizer; every
 * error and finding must have a message. */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "checks/check.h"
#include "config/config.h"
#include "input/compose/project.h"
#include "util/arena.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const char *const env_vars[][2] = {
	{ "TAG", "1.2" }, { "EMPTY", "" }, { "PORT", "8080" }, { "HOST", "127.0.0.1" },
	{ "DIR", "./data" }, { "BOOL", "true" }, { "DOLLAR", "$A ${B}" },
};
#define NVARS (sizeof(env_vars) / sizeof(env_vars[0]))

static size_t sink;

static void touch(const char *s)
{
	if (s)
		sink += strlen(s);
}

static void touch_value(const struct c_value *v)
{
	touch(v->s);
	touch(v->pos.file);
	touch(v->via.file);
	if (v->s && !v->pos.line)
		abort();	/* a value always says where it was written */
}

static void touch_list(const struct c_list *l)
{
	for (size_t i = 0; i < l->n; i++) {
		if (!l->v[i].s)
			abort();
		touch_value(&l->v[i]);
	}
}

static void check_service(const struct c_service *s)
{
	const struct c_value *vals[] = {
		&s->image, &s->user, &s->restart, &s->network_mode, &s->pid, &s->ipc,
		&s->userns_mode, &s->privileged, &s->read_only, &s->container_name, &s->init,
		&s->build_context, &s->build_dockerfile, &s->build_target,
		&s->deploy_restart_condition, &s->deploy_restart_max_attempts, &s->logging_driver,
	};
	const struct c_list *lists[] = {
		&s->cap_add, &s->security_opt, &s->networks, &s->profiles, &s->expose,
		&s->command, &s->entrypoint,
	};

	if (!s->name || !s->node || s->node->kind != Y_MAP)
		abort();
	for (size_t i = 0; i < sizeof(vals) / sizeof(vals[0]); i++)
		touch_value(vals[i]);
	for (size_t i = 0; i < sizeof(lists) / sizeof(lists[0]); i++)
		touch_list(lists[i]);
	for (size_t i = 0; i < s->nports; i++) {
		if (!s->ports[i].target || !s->ports[i].protocol || !s->ports[i].mode)
			abort();
		touch(s->ports[i].host_ip);
		touch(s->ports[i].published);
	}
	for (size_t i = 0; i < s->nvolumes; i++) {
		if (!s->volumes[i].type || !s->volumes[i].target)
			abort();
		touch(s->volumes[i].source);
	}
	for (size_t i = 0; i < s->nenvironment; i++) {
		touch(s->environment[i].key);
		touch(s->environment[i].value);
	}
	for (size_t i = 0; i < s->nlabels; i++) {
		touch(s->labels[i].key);
		touch(s->labels[i].value);
	}
	for (size_t i = 0; i < s->nlogging_options; i++)
		touch(s->logging_options[i].key);
	for (size_t i = 0; i < s->ndepends_on; i++) {
		if (!s->depends_on[i].service || !s->depends_on[i].condition)
			abort();
		touch(s->depends_on[i].service);
	}
	/* Boolean values are normalized. */
	if (s->privileged.s && strcmp(s->privileged.s, "true") && strcmp(s->privileged.s, "false"))
		abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct arena a;
	struct report r;
	struct env env = { 0 };
	struct c_project p;
	int rc;

	arena_init(&a);
	report_init(&r, &a);
	for (size_t i = 0; i < NVARS; i++)
		env_set(&a, &env, env_vars[i][0], env_vars[i][1], NULL, 0);
	rc = compose_load_buffer(&a, "compose.yaml", (const char *)data, size, &env, &p, &r);
	for (size_t i = 0; i < r.nerrors; i++)
		if (!r.errors[i].message || !*r.errors[i].message)
			abort();
	for (size_t i = 0; i < r.nfindings; i++)
		if (!r.findings[i].rule || !r.findings[i].message)
			abort();
	if (rc == 0) {
		static const struct config cfg;

		if (!p.root || !p.name)
			abort();
		for (size_t i = 0; i < p.nservices; i++)
			check_service(&p.services[i]);
		rules_check_compose(&r, &p, NULL, &cfg);
		for (size_t i = 0; i < r.nfindings; i++)
			if (!r.findings[i].rule || !r.findings[i].message || !*r.findings[i].message)
				abort();
	}
	arena_release(&a);
	return 0;
}
