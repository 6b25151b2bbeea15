/* Image references (registry/name:tag@digest), as every layer reads them. */
#ifndef SW_SPEC_IMAGE_REF_H
#define SW_SPEC_IMAGE_REF_H

#include <stdbool.h>
#include <stddef.h>

#include "util/arena.h"

/* The repository part of an image reference, lowercased, with registry
 * host and tag/digest removed: "docker.io/library/node:20" -> "node",
 * "ghcr.io/acme/app@sha256:.." -> "acme/app". In the arena. */
const char *image_ref_repo(struct arena *a, const char *ref);
/* The last part of a repository as image_ref_repo gives it: "acme/app"
 * -> "app". A pointer into repo. */
const char *image_ref_name(const char *repo);
/* The tag of an image reference, "" if none, NULL when pinned by digest.
 * In the arena. */
const char *image_ref_tag(struct arena *a, const char *ref);
/* Whether ref names an image the checked repository makes: its last part
 * is one of own[0..nown) (what its build commands tag), or a part of it
 * (the name, its owner) is a word of one of folders[0..nfolders) (the
 * folders the repository is checked in: ghcr.io/mailcow/netfilter in
 * mailcow-dockerized). */
bool image_ref_own(struct arena *a, const char *ref, const char *const *own, size_t nown,
		   const char *const *folders, size_t nfolders);

#endif
