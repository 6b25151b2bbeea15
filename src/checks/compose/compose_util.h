/* Shared predicates and reporting for the compose rules (layer "compose"):
 * they see a loaded project (compose/project.h) and, per service, the model
 * of the Dockerfile it builds. Strings returned live in the arena. */
#ifndef SW_RULE_COMPOSE_UTIL_H
#define SW_RULE_COMPOSE_UTIL_H

#include <stdbool.h>
#include <stddef.h>

#include "input/compose/project.h"
#include "input/dockerfile/model.h"
#include "checks/check.h"

/* Reports at pos for service s: a service in an inactive profile gets
 * " (profile: tools)" appended, and a value pulled in by an alias, merge
 * key or extends gets " (via FILE:LINE)". via may be NULL. */
struct finding *cx_report(struct rule_ctx *c, const struct c_service *s, const struct y_pos *pos,
			  const struct y_pos *via, const char *fmt, ...)
	__attribute__((format(printf, 5, 6)));
/* Reports at a value of s (its pos and via). */
#define cx_report_value(c, s, v, ...) cx_report((c), (s), &(v)->pos, &(v)->via, __VA_ARGS__)

/* Names several services for one finding: "service api", "services a, b
 * (profile: tools) and 3 more" (at most five names); a service in an
 * inactive profile has it named. */
const char *cx_names(struct arena *a, const struct c_service *const *v, size_t n);
/* Whether two values were written at the same place (one anchor pulled
 * into several services). */
bool cx_same_pos(const struct y_pos *x, const struct y_pos *y);

/* A boolean value as Compose reads it: true (any case), or false. */
bool cx_true(const struct c_value *v);
/* The Dockerfile service i builds, or NULL. */
const struct m_dockerfile *cx_service_df(const struct rule_ctx *c, size_t i);
/* The stage service i runs: its build target, else the final stage; NULL
 * when it builds no Dockerfile of the tree or the target is unknown. */
const struct m_stage *cx_service_stage(const struct rule_ctx *c, size_t i);
/* Whether the stage is the Dockerfile's final one. */
bool cx_stage_is_final(const struct m_stage *st);
/* The service's image repository (m_image_repo of image:), else the root
 * image of the stage it builds; NULL when neither is known. */
const char *cx_service_repo(struct rule_ctx *c, size_t i);
/* A label's value, or NULL. */
const char *cx_label(const struct c_service *s, const char *key);
/* Whether service i is a web proxy: its image or its Dockerfile's base is
 * nginx, traefik, caddy, haproxy, envoy, httpd/apache, varnish, openresty or
 * nginx-proxy; or it has the label seaworthy.role: proxy; or its name or
 * image repository is listed under proxies: in .seaworthy.yaml; or it builds
 * a Dockerfile that is not in the tree and its name says proxy (proxy,
 * reverse-proxy, nginx, traefik...). */
bool cx_is_proxy(struct rule_ctx *c, size_t i);
/* Whether an image repository (as m_image_repo gives it) is a web proxy's:
 * its last component is nginx, traefik, caddy, haproxy, envoy, httpd... */
bool cx_proxy_repo(const char *repo);
/* Whether a name says proxy: a word (split on - _ .) that starts with proxy
 * or a proxy's name (reverse-proxy, nginx2, traefik-edge). */
bool cx_proxy_name(const char *name);

/* Whether the service's logging options set name (e.g. "max-size"). */
bool cx_logging_option(const struct c_service *s, const char *name);

/* Whether dir (normalized, absolute) is covered by a mount of the service:
 * a bind or volume mount whose target is dir or one of its parents; tmpfs
 * counts when with_tmpfs. Returns the mount or NULL. */
const struct c_volume *cx_mount_over(const struct c_service *s, const char *dir, bool with_tmpfs);

#endif
