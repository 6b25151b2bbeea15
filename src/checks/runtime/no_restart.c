/* A long-running container with no restart policy: SW0801 (compose),
 * SW0881 (live). One-off jobs are exempt (spec.one_off). */
#include "checks/runtime/runtime.h"
#include "util/str.h"

static void service(struct rule_ctx *c, const struct spec *s)
{
	const struct sp_str *r = &s->restart;

	if (!r->s) {
		sp_report(c, s, NULL, "has no restart policy: it stays down after a crash or a "
			  "reboot");
		return;
	}
	if (str_eq(s->restart_key, "restart")) {
		/* restart: ${POLICY} with POLICY unset: SW0051 says so. */
		if (!*r->s && s->restart_from_variable)
			return;
		if (str_eq(r->s, "no") || !*r->s)
			sp_report(c, s, &r->at, "has restart: \"%s\": it stays down after a crash or "
				  "a reboot", r->s);
	} else if (str_eq(r->s, "none") || str_eq(r->s, "no")) {
		sp_report(c, s, &r->at, "has restart_policy condition %s: it stays down after a "
			  "crash or a reboot", r->s);
	}
}

static void container(struct rule_ctx *c, const struct spec *s)
{
	if (s->restart.s && !str_eq(s->restart.s, "no"))
		return;
	if (s->state.running)
		sp_report(c, s, NULL, "is running with no restart policy: after a crash, or a reboot "
			  "of the host or the daemon, it stays down");
	else if (s->state.exited && s->state.exit_code != 0)
		sp_report(c, s, NULL, "exited with status %ld and has no restart policy, so it "
			  "stayed down", s->state.exit_code);
}

static void check(struct rule_ctx *c)
{
	for (size_t i = 0; i < c->nspecs; i++) {
		const struct spec *s = c->specs[i];

		if (s->one_off)
			continue;
		if (s->kind == SPEC_SERVICE)
			service(c, s);
		else
			container(c, s);
	}
}

const struct check check_rt_no_restart = {
	.on = { [SPEC_SERVICE] = &SW0801, [SPEC_CONTAINER] = &SW0881 },
	.spec = check,
};
