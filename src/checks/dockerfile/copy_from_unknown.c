/* SW0023: COPY --from names no stage and pulls an image of that name. */
#include "checks/check.h"

#include <ctype.h>
#include <string.h>
#include <strings.h>

#include "util/suggest.h"

/* Whether stage is name with a dash-separated word before or after it
 * (license-set for set, build-go for build). */
static bool dashed(const char *stage, const char *name)
{
	size_t sl = strlen(stage), nl = strlen(name);

	return sl > nl + 1 && ((stage[sl - nl - 1] == '-' && !strcasecmp(stage + sl - nl, name)) ||
			       (stage[nl] == '-' && !strncasecmp(stage, name, nl)));
}

/* The stage a mistyped name was meant for, or NULL: a name the build does
 * not know may be a build context it passes (--build-context name=...). */
static const char *meant(const struct m_dockerfile *df, const char *name)
{
	struct suggest sg;

	suggest_init(&sg, name);
	for (size_t i = 0; i < df->nstages; i++) {
		const char *n = df->stages[i].name;

		if (!n)
			continue;
		if (dashed(n, name))
			return n;
		suggest_add(&sg, n);
	}
	return sg.npicks ? sg.picks[0] : NULL;
}

static void check(struct rule_ctx *c)
{
	for (size_t i = 0; i < c->df->nstages; i++) {
		const struct m_stage *s = &c->df->stages[i];

		for (size_t j = 1; j < s->ninstrs; j++) {
			const struct m_instr *in = &s->instrs[j];
			const char *f = in->copy_from;

			/* name:tag, registry/name, a digest, a variable: an image
			 * written as one; a number: a stage by index. */
			const char *stage;

			if (in->kind != K_COPY || !f || !*f || in->from_stage ||
			    strpbrk(f, ":/@.$") || isdigit((unsigned char)f[0]) ||
			    !strcasecmp(f, "scratch") || !strcasecmp(f, "context") ||
			    m_stage_named(c->df, f) || rule_local_image(c, f) ||
			    !(stage = meant(c->df, f)))
				continue;
			rule_report(c, in, "no stage is named %s (%s was meant?), so COPY --from=%s "
				    "pulls the image docker.io/library/%s:latest", f, stage, f, f);
		}
	}
}

const struct check check_copy_from_unknown = {
	.rule = &SW0023,
	.dockerfile = check,
};
