/* no-new-privileges not set: SW0055 (compose), SW0091 (live). */
#include "checks/runtime/runtime.h"
#include "util/str.h"

static bool sets_it(const struct spec *s)
{
	for (size_t k = 0; k < s->security_opt.n; k++) {
		const char *o = s->security_opt.v[k].s;

		if (o && (str_eq(o, "no-new-privileges") || str_eq(o, "no-new-privileges:true") ||
			  str_eq(o, "no-new-privileges=true")))
			return true;
	}
	return false;
}

static void check(struct rule_ctx *c)
{
	for (size_t i = 0; i < c->nspecs; i++)
		if (!sets_it(c->specs[i]))
			sp_report(c, c->specs[i], NULL, "does not set no-new-privileges: setuid "
				  "programs in it can still raise privileges (unless the daemon sets "
				  "it for every container)");
}

const struct check check_rt_no_new_privileges = {
	.on = { [SPEC_SERVICE] = &SW0055, [SPEC_CONTAINER] = &SW0091 },
	.spec = check,
};
