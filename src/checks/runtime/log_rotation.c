/* json-file logging without max-size: SW1003 (compose), SW1082 (live).
 * Services sharing one logging anchor get one finding at the anchor. */
#include "checks/runtime/runtime.h"
#include "util/str.h"

static bool unrotated(const struct spec *s)
{
	return s->log_driver.s && str_eq(s->log_driver.s, "json-file") &&
	       !spec_has_log_opt(s, "max-size");
}

static void check(struct rule_ctx *c)
{
	const struct spec **v = arena_alloc(c->a, (c->nspecs + 1) * sizeof(*v));

	for (size_t i = 0; i < c->nspecs; i++) {
		const struct spec *s = c->specs[i];
		size_t n = 0;
		bool seen = false;

		if (!unrotated(s))
			continue;
		if (s->kind == SPEC_CONTAINER) {
			sp_report(c, s, NULL, "logs with json-file and no max-size: its log file "
				  "grows until the disk is full");
			continue;
		}
		for (size_t k = 0; k < i && !seen; k++)
			seen = unrotated(c->specs[k]) &&
			       sp_at_same(&c->specs[k]->log_driver.at, &s->log_driver.at);
		if (seen)
			continue;
		for (size_t k = i; k < c->nspecs; k++)
			if (k == i || (unrotated(c->specs[k]) &&
				       sp_at_same(&c->specs[k]->log_driver.at, &s->log_driver.at)))
				v[n++] = c->specs[k];
		sp_report_as(c, s, &s->log_driver.at, 0, "%s log%s with json-file and no max-size: "
			     "the log file grows until the disk is full",
				sp_names(c->a, (const struct spec *const *)v, n), n > 1 ? "" : "s");
	}
}

const struct check check_rt_log_rotation = {
	.on = { [SPEC_SERVICE] = &SW1003, [SPEC_CONTAINER] = &SW1082 },
	.spec = check,
};
