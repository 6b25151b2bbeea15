/* An image declares a VOLUME on a system folder: SW0275. A compose service
 * built here is judged on its Dockerfile (dockerfile/volume_system.c). */
#include "checks/runtime/runtime.h"

#include "lexicon/lexicon.h"
#include "util/path.h"

static void check(struct rule_ctx *c)
{
	for (size_t i = 0; i < c->nspecs; i++) {
		const struct spec *s = c->specs[i];

		for (size_t k = 0; k < s->volumes.n; k++) {
			const char *p = s->volumes.v[k].s;

			if (!p || p[0] != '/' || !lex_has(&lex_system_folders,
							  path_resolve(c->a, "/", p)))
				continue;
			sp_report(c, s, NULL, "declares VOLUME %s, a system folder: a container "
				  "keeps the copy made at its first start, so the image's later "
				  "versions of it never reach it", p);
			break;
		}
	}
}

const struct check check_rt_system_volume = {
	.on = { [SPEC_IMAGE] = &SW0275 },
	.spec = check,
};
