/* Cross-file: a stage with no HEALTHCHECK (SW0005, already a note) is
 * not reported when every compose service that builds and runs it sets
 * its own healthcheck:, which replaces the image's anyway. */
#include "checks/crossfile/crossfile.h"

/* A service whose healthcheck: is set and not disabled. */
static const char *checks_health(struct arena *a, const struct c_service *s, const void *ctx)
{
	(void)a;
	(void)ctx;
	return s->has_healthcheck ? s->name : NULL;
}

void crossfile_healthcheck_given(struct report *r, const struct c_project *const *projects,
				 const struct m_dockerfile *const *const *dfs, size_t n)
{
	size_t out = 0;

	for (size_t i = 0; i < r->nfindings; i++) {
		const struct finding *f = &r->findings[i];
		const char *services = NULL;

		if (f->rule == &SW0005 && f->file &&
		    crossfile_every_service(r->a, projects, dfs, n, f->file, f->stage,
					    checks_health, NULL, &services))
			continue;	/* dropped */
		r->findings[out++] = *f;
	}
	r->nfindings = out;
}
