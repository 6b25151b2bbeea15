/* A container of the engine lowered to the runtime description
 * (spec/spec.h), from its inspect data, its image's and its processes. */
#ifndef SW_ENGINE_LOWER_H
#define SW_ENGINE_LOWER_H

#include "input/engine/container.h"
#include "spec/spec.h"

/* Lowers ct into out; everything out points to is in a or ct. */
void live_lower(struct arena *a, const struct live_container *ct, struct spec *out);

#endif
