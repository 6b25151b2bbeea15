/* Shared reporting and predicates for the live rules (layer "live"): they
 * see one container of the engine (engine/container.h). */
#ifndef SW_RULE_LIVE_UTIL_H
#define SW_RULE_LIVE_UTIL_H

#include <stdbool.h>
#include <stddef.h>

#include "input/engine/container.h"
#include "checks/check.h"
#include "spec/proc.h"

/* Reports on the container. The message starts with "container NAME" and,
 * for a compose container, "(service S of compose project P)": the
 * fingerprint is made from the message, so it must tell containers apart. */
struct finding *lv_report(struct rule_ctx *c, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/* Whether the container is a web proxy: the label seaworthy.role=proxy;
 * an image whose repository is a proxy's (nginx, traefik, caddy, haproxy,
 * envoy, httpd...) or says proxy; its name or compose service says proxy;
 * or its name, service, image or repository is under proxies: in the
 * config. The same idea as the compose rules' (cx_is_proxy). */
bool lv_is_proxy(struct rule_ctx *c);

/* The process whose PID is the container's State.Pid, or NULL. */
const struct live_proc *lv_main_proc(const struct live_container *ct);

#endif
