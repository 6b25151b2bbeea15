/* Checks that read several inputs at once: they run when every input of
 * the run has been checked. */
#ifndef SW_CHECKS_CROSSFILE_H
#define SW_CHECKS_CROSSFILE_H

#include <stddef.h>

#include "checks/check.h"
#include "input/compose/project.h"

/* SW0201 of a Dockerfile whose every compose service sets a non-root user
 * becomes a note naming them (severity info, marked lowered so that a
 * severity override in the config does not raise it again). dfs[k][i] is
 * the Dockerfile service i of projects[k] builds, or NULL. */
void crossfile_root_fixed_by_compose(struct report *r, const struct c_project *const *projects,
				     const struct m_dockerfile *const *const *dfs, size_t n);

/* A stage's supervisor or daemon finding (SW0701, SW0702) about what its
 * CMD or ENTRYPOINT runs, when every compose service that runs that stage
 * sets its own command: (for the CMD) or entrypoint: (for either), becomes
 * a note naming them, as above: the image still runs it without compose. */
void crossfile_process_overridden(struct report *r, const struct c_project *const *projects,
				  const struct m_dockerfile *const *const *dfs, size_t n);

/* SW0005 (a stage with no HEALTHCHECK) is dropped when every compose
 * service that runs the stage sets its own healthcheck: (not disabled). */
void crossfile_healthcheck_given(struct report *r, const struct c_project *const *projects,
				 const struct m_dockerfile *const *const *dfs, size_t n);

/* Whether two display paths name the same file. */
bool crossfile_same_file(const char *x, const char *y);

/* How a service shows in a note ("web (user: 1000)", in the arena), or
 * NULL when it leaves the stage's finding standing. */
typedef const char *crossfile_service_fn(struct arena *a, const struct c_service *s,
					 const void *ctx);
/* Whether some compose service of projects runs stage (1 + index; 0 for
 * the last) of dockerfile, and every one that does passes ok: then
 * *services gets them, as ok shows them, comma-separated (those of the
 * last project that runs it). dfs[k][i] as above. */
bool crossfile_every_service(struct arena *a, const struct c_project *const *projects,
			     const struct m_dockerfile *const *const *dfs, size_t n,
			     const char *dockerfile, unsigned stage, crossfile_service_fn *ok,
			     const void *ctx, const char **services);

#endif
