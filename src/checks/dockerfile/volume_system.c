/* SW0205: VOLUME on a system folder (lexicon system_folders). The image
 * side is runtime/system_volume.c. */
#include "checks/check.h"

#include "lexicon/lexicon.h"
#include "util/path.h"

static void check(struct rule_ctx *c)
{
	const bool *ships = rule_stages_ship(c);

	for (size_t i = 0; i < c->df->nstages; i++) {
		const struct m_stage *s = &c->df->stages[i];

		if (!ships[i])
			continue;
		for (size_t j = 1; j < s->ninstrs; j++) {
			const struct m_instr *in = &s->instrs[j];

			if (in->kind != K_VOLUME)
				continue;
			for (size_t k = 0; k < in->nwords; k++) {
				const char *p = in->words[k];

				if (p[0] != '/' || !lex_has(&lex_system_folders,
							    path_resolve(c->a, "/", p)))
					continue;
				rule_report(c, in, "VOLUME %s makes a system folder a volume: the "
					    "container keeps the copy made at its first start, so the "
					    "image's later versions of it never reach it", p);
				break;
			}
		}
	}
}

const struct check check_volume_system = {
	.rule = &SW0205,
	.dockerfile = check,
};
