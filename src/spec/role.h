/* What a container is for, as every layer judges it: a web proxy (the one
 * service that should publish ports). */
#ifndef SW_SPEC_ROLE_H
#define SW_SPEC_ROLE_H

#include <stdbool.h>

#include "config/config.h"
#include "spec/spec.h"
#include "util/arena.h"

/* The image repository a description runs (image_ref_repo): for a service
 * that builds, the root image of its stage (NULL when that Dockerfile is
 * not in the tree, or is FROM scratch or a variable); else its image, unless
 * that is an image id. NULL when unknown. In the arena. */
const char *spec_repo(struct arena *a, const struct spec *s);

/* Whether s is a web proxy: the label seaworthy.role=proxy; an image
 * repository that is a proxy's (lexicon: nginx, traefik, caddy, haproxy,
 * envoy, httpd...) or whose last component says proxy (nginx-proxy,
 * caddy-gen); a service or container name that says proxy; or its name,
 * service, repository or image listed under proxies: in the config. */
bool spec_is_proxy(struct arena *a, const struct spec *s, const struct config *cfg);

/* Whether a name says proxy: a part of it (split on - _ .) starts with
 * proxy or a proxy's name (reverse-proxy, nginx2, traefik-edge). */
bool name_says_proxy(const char *name);

#endif
