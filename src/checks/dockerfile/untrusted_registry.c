/* SW0008: an image from a registry the project does not trust (only
 * active when .seaworthy.yaml lists trusted-registries): a base image, and
 * the images COPY --from and RUN --mount=from= pull. */
#include <fnmatch.h>
#include <string.h>
#include <strings.h>

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

/* An entry trusts a name it starts, whole parts only: "registry.example.com"
 * or "docker.io/library". With wildcards ("*.example.com",
 * "ghcr.io/acme-*"), a * stays within a part, as hadolint's do. */
static bool trusted(struct arena *a, const struct strlist *l, const char *name)
{
	for (size_t i = 0; i < l->n; i++) {
		const char *t = l->v[i];
		size_t n = strlen(t);

		while (n && t[n - 1] == '/')
			n--;
		if (!strpbrk(t, "*?[")) {
			if (!strncmp(name, t, n) && (name[n] == '/' || !name[n]))
				return true;
			continue;
		}
		t = arena_strndup(a, t, n);
		for (size_t k = 0;; k++) {
			if (name[k] == '/' || !name[k]) {
				const char *head = arena_strndup(a, name, k);

				if (!fnmatch(t, head, FNM_PATHNAME))
					return true;
			}
			if (!name[k])
				break;
		}
	}
	return false;
}

/* An image reference: not a stage, not empty, no unexpanded variable. */
static const char *image_ref(const struct m_dockerfile *df, const char *ref)
{
	if (!ref || !*ref || strchr(ref, '$') || !strcasecmp(ref, "scratch") ||
	    ref[strspn(ref, "0123456789")] == '\0' || m_stage_named(df, ref))
		return NULL;
	return ref;
}

/* from= of a RUN --mount, or NULL. */
static const char *mount_from(struct arena *a, const char *v)
{
	for (const char *p = v; p && *p;) {
		size_t n = strcspn(p, ",");

		if (n > 5 && !strncmp(p, "from=", 5))
			return arena_strndup(a, p + 5, n - 5);
		p += n;
		if (*p == ',')
			p++;
	}
	return NULL;
}

static void report(struct rule_ctx *c, const struct m_instr *in, const char *what, const char *ref)
{
	const char *name = full_name(c->a, ref);

	if (!trusted(c->a, &c->config->trusted_registries, name))
		rule_report(c, in, "%s %s comes from a registry outside trusted-registries", what,
			    name);
}

static void check(struct rule_ctx *c)
{
	const struct strlist *l = &c->config->trusted_registries;

	if (!l->n)
		return;
	for (size_t i = 0; i < c->df->nstages; i++) {
		const struct m_stage *s = &c->df->stages[i];

		if (!s->base_stage && image_ref(c->df, s->image))
			report(c, &s->instrs[0], "base image", s->image);
		for (size_t j = 1; j < s->ninstrs; j++) {
			const struct m_instr *in = &s->instrs[j];

			if ((in->kind == K_COPY || in->kind == K_ADD) && !in->from_stage &&
			    image_ref(c->df, in->copy_from))
				report(c, in, "COPY --from image", in->copy_from);
			if (in->kind != K_RUN)
				continue;
			for (size_t k = 0; k < in->node->nflags; k++) {
				const char *f = in->node->flags[k].value, *from;

				if (strncmp(f, "--mount=", 8) || !(from = mount_from(c->a, f + 8)) ||
				    !image_ref(c->df, from))
					continue;
				report(c, in, "RUN --mount image", from);
			}
		}
	}
}

const struct check check_untrusted_registry = {
	.rule = &SW0008,
	.dockerfile = check,
};
