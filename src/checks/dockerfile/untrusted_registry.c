/* SW0008: a base image from a registry the project does not trust
 * (only active when .seaworthy.yaml lists trusted-registries). */
#include <string.h>

#include "config/config.h"
#include "checks/check.h"

/* "registry/path/name" with docker.io made explicit, tag and digest kept off. */
static const char *full_name(struct arena *a, const char *ref)
{
	const char *slash = strchr(ref, '/');
	size_t n = strcspn(ref, "@");
	const char *colon;

	if (!slash || !(memchr(ref, '.', (size_t)(slash - ref)) ||
			memchr(ref, ':', (size_t)(slash - ref)) || !strncmp(ref, "localhost/", 10)))
		ref = arena_printf(a, "docker.io/%s%.*s", slash ? "" : "library/", (int)n, ref);
	else
		ref = arena_strndup(a, ref, n);
	colon = strrchr(ref, ':');
	if (colon && !strchr(colon, '/'))
		ref = arena_strndup(a, ref, (size_t)(colon - ref));
	return ref;
}

static bool trusted(const struct strlist *l, const char *name)
{
	for (size_t i = 0; i < l->n; i++) {
		const char *t = l->v[i];
		size_t n = strlen(t);

		while (n && t[n - 1] == '/')
			n--;
		if (!strncmp(name, t, n) && (name[n] == '/' || !name[n]))
			return true;
	}
	return false;
}

static void check(struct rule_ctx *c)
{
	const struct strlist *l = &c->config->trusted_registries;

	if (!l->n)
		return;
	for (size_t i = 0; i < c->df->nstages; i++) {
		const struct m_stage *s = &c->df->stages[i];
		const char *name;

		if (s->base_stage || !strcasecmp(s->image, "scratch") || strchr(s->image, '$'))
			continue;
		name = full_name(c->a, s->image);
		if (!trusted(l, name))
			rule_report(c, &s->instrs[0], "base image %s comes from a registry outside "
				    "trusted-registries", name);
	}
}

const struct check check_untrusted_registry = {
	.rule = &SW0008,
	.dockerfile = check,
};
