/* Logs thrown away (driver none): SW1002 (compose), SW1081 (live). */
#include "checks/runtime/runtime.h"
#include "util/str.h"

static void check(struct rule_ctx *c)
{
	for (size_t i = 0; i < c->nspecs; i++) {
		const struct spec *s = c->specs[i];

		if (!s->log_driver.s || !str_eq(s->log_driver.s, "none"))
			continue;
		if (s->kind == SPEC_SERVICE)
			sp_report(c, s, &s->log_driver.at, "has logging driver none: its output is "
				  "thrown away, and docker logs shows nothing when it fails");
		else
			sp_report(c, s, &s->log_driver.at, "throws its logs away (log driver none): "
				  "docker logs shows nothing and a crash leaves no trace");
	}
}

const struct check check_rt_logging_none = {
	.on = { [SPEC_SERVICE] = &SW1002, [SPEC_CONTAINER] = &SW1081 },
	.spec = check,
};
