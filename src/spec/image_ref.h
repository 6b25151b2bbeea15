/* Image references (registry/name:tag@digest), as every layer reads them. */
#ifndef SW_SPEC_IMAGE_REF_H
#define SW_SPEC_IMAGE_REF_H

#include "util/arena.h"

/* The repository part of an image reference, lowercased, with registry
 * host and tag/digest removed: "docker.io/library/node:20" -> "node",
 * "ghcr.io/acme/app@sha256:.." -> "acme/app". In the arena. */
const char *image_ref_repo(struct arena *a, const char *ref);
/* The tag of an image reference, "" if none, NULL when pinned by digest.
 * In the arena. */
const char *image_ref_tag(struct arena *a, const char *ref);

#endif
