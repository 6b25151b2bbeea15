/* Reporting for the runtime checks: one file per concept (privileged, the
 * Docker socket, the root user...), each over the descriptions of a unit
 * (spec/spec.h) whatever layer built them, each reporting under the rule
 * its struct check names for that kind of description. */
#ifndef SW_CHECKS_RUNTIME_H
#define SW_CHECKS_RUNTIME_H

#include "checks/check.h"
#include "spec/spec.h"

/* Reports about s: the message starts with its subject ("service web ",
 * "container web (service web of compose project p) ", nothing for an
 * image); for a service, " (via FILE:LINE)" when at came from an anchor,
 * merge key or extends, and its profile note follow. at without a line
 * (or NULL) reports at s's own position. */
#define sp_report(c, s, at, ...) sp_report_as((c), (s), (at), SP_SUBJECT | SP_NOTE, __VA_ARGS__)
/* The same with only some of it: SP_SUBJECT, SP_NOTE (the via is always
 * said). A message that names s itself, or several services, leaves them
 * out. */
enum { SP_SUBJECT = 1, SP_NOTE = 2 };
struct finding *sp_report_as(struct rule_ctx *c, const struct spec *s, const struct sp_at *at,
			     unsigned what, const char *fmt, ...) __attribute__((format(printf, 5, 6)));
/* Names several services for one finding: "service api", "services a, b
 * (profile: tools) and 3 more" (at most five names). In the arena. */
const char *sp_names(struct arena *a, const struct spec *const *v, size_t n);

#endif
