/* Capabilities added that reach the host: SW0253 (compose), SW0283 (live). */
#include "checks/runtime/runtime.h"
#include "lexicon/lexicon.h"
#include "spec/user.h"

/* Who the service's process runs as when that is not root: its user, or
 * the user its image's own entrypoint drops to (postgres). Docker grants
 * no ambient capabilities, so such a process holds none of those added:
 * only a root process started in the container (docker exec) does. NULL
 * when it is root or unknown. */
static const char *runs_nonroot(struct arena *a, const struct spec *s)
{
	const char *ref = s->builds ? s->base_image.s : s->image.s;
	const struct lex_nonroot_image *ni;

	if (s->user.name)
		return user_is_root(s->user.name) ? NULL : arena_printf(a, "user %s", s->user.name);
	if (s->entrypoint.n || !ref || !(ni = lex_nonroot_image(ref)) || ni->by_command ||
	    (s->builds && ni->by_entrypoint))
		return NULL;	/* a build may replace the ENTRYPOINT: SW0201 judges it */
	return ni->user;
}

static void check(struct rule_ctx *c)
{
	for (size_t i = 0; i < c->nspecs; i++) {
		const struct spec *s = c->specs[i];

		for (size_t k = 0; k < s->cap_add.n; k++) {
			const struct sp_str *v = &s->cap_add.v[k];
			const char *canon, *what = v->s ? capability_danger(v->s, &canon) : NULL, *as;
			struct finding *f;

			if (!what)
				continue;
			f = sp_report(c, s, &v->at, s->kind == SPEC_SERVICE ? "adds capability %s: %s" :
				      "has capability %s added: %s", canon, what);
			/* certain harm needs root in the container: likely, not certain */
			if (f && (as = runs_nonroot(c->a, s))) {
				f->severity = SEV_WARNING;
				f->lowered = true;
				f->via = arena_printf(c->a, "its process runs as %s: only a root process "
						      "started in the container holds the capability",
						      as);
			}
		}
	}
}

const struct check check_rt_capabilities = {
	.on = { [SPEC_SERVICE] = &SW0253, [SPEC_CONTAINER] = &SW0283 },
	.spec = check,
};
