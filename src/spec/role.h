/* What a container is for, as every layer judges it: a web proxy (the one
 * service that should publish ports), a database, a server whose protocol
 * faces the network (DNS, DHCP, mail). */
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

/* The database, cache or broker s runs, by the image it runs or names
 * (lexicon: database_of_image): "MariaDB", or NULL. */
const char *spec_database_image(struct arena *a, const struct spec *s);

/* The database, cache or broker reached on p, a port of s: every port of a
 * database image (*port its container port), else a database's
 * well-known port or one listed under databases: in the config
 * (port_database). NULL when none. */
const char *spec_port_database(struct arena *a, const struct spec *s, const struct sp_port *p,
			       const struct config *cfg, long *port);

/* What s is when p is a port of a protocol that faces the network by
 * design and s serves it: "a DNS or DHCP server" for a pihole image on
 * 53/udp, "a mail server" for postfix on 25. By the image s runs or names,
 * or a part of its name (split on - _ .); NULL otherwise. */
const char *spec_public_server(struct arena *a, const struct spec *s, const struct sp_port *p);

/* Whether a name says proxy: a part of it (split on - _ .) starts with
 * proxy or a proxy's name (reverse-proxy, nginx2, traefik-edge). */
bool name_says_proxy(const char *name);

#endif
