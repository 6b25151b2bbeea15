/* SW0507: COPY or ADD puts a secret file into the image. */
#include "checks/check.h"

#include <string.h>

#include "lexicon/lexicon.h"

/* Files over this are not read: keys and credentials are small. */
#define MAX_READ (64 * 1024)

static void check(struct rule_ctx *c)
{
	const bool *ships = rule_stages_ship(c);

	for (size_t i = 0; i < c->df->nstages; i++) {
		const struct m_stage *s = &c->df->stages[i];

		if (!ships[i])
			continue;
		for (size_t j = 1; j < s->ninstrs; j++) {
			const struct m_instr *in = &s->instrs[j];

			/* --from copies another stage's or image's files, not the
			 * context's; a heredoc is written in the Dockerfile. */
			if ((in->kind != K_COPY && in->kind != K_ADD) || in->copy_from ||
			    in->node->nheredocs)
				continue;
			for (size_t k = 0; k + 1 < in->nwords; k++) {
				const char *src = in->words[k], *buf = NULL, *what;
				size_t len = 0;

				if (!*src || strpbrk(src, "*?[$") || strstr(src, "://"))
					continue;
				if (m_context_kind(c->df, src) == M_CONTEXT_FILE &&
				    (buf = m_context_file(c->df, src, &len)) && len > MAX_READ)
					len = MAX_READ;
				if (!(what = lex_secret_file(src, buf, len)))
					continue;
				rule_report(c, in, "%s copies %s (%s) into the image, where anyone who "
					    "pulls it can read it: use RUN --mount=type=secret",
					    in->kind == K_COPY ? "COPY" : "ADD", src, what);
				break;
			}
		}
	}
}

const struct check check_secret_file_copied = {
	.rule = &SW0507,
	.dockerfile = check,
};
