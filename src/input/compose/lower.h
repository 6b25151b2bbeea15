/* A compose service lowered to the runtime description (spec/spec.h): the
 * Dockerfile stage it builds first, then its own keys over it. */
#ifndef SW_COMPOSE_LOWER_H
#define SW_COMPOSE_LOWER_H

#include "input/compose/project.h"
#include "input/dockerfile/model.h"
#include "catalog/catalog.h"
#include "spec/spec.h"

/* The stage service s runs: its build target, else the final stage; NULL
 * when it builds no Dockerfile of the tree or the target is unknown. */
const struct m_stage *compose_service_stage(const struct c_service *s,
					    const struct m_dockerfile *df);
/* What a service is for by its profiles: when every profile it has names a
 * development, test or CI purpose (dev, debug is not: tools), that one;
 * production otherwise (and with no profile). */
enum purpose compose_service_purpose(const struct c_service *s);
/* The text of the project file holding pos, from pos on to the end of its
 * line (in a): the value as written, before interpolation. NULL when pos
 * is not in a file of the project (an env_file, a made-up value). */
const char *compose_source_text(struct arena *a, const struct c_project *p,
				const struct y_pos *pos);
/* A bind mount of a service that holds the project folder itself (./, ../..
 * from a compose file deeper in the repository): the source tree mounted
 * over the code, as development stacks do for live reloading. Its volume,
 * or NULL when no service mounts it. */
const struct c_volume *compose_mounts_project(const struct c_project *p);
/* Lowers service i of p into out; df is the Dockerfile it builds (NULL when
 * none in the tree). Everything out points to is in a or p. */
void compose_lower(struct arena *a, const struct c_project *p, size_t i,
		   const struct m_dockerfile *df, struct spec *out);

#endif
