/* SW0507: COPY or ADD puts a secret file into the image: one it names, or
 * one the build context holds below a folder or a wildcard it copies. */
#include "checks/check.h"

#include <fnmatch.h>
#include <string.h>

#include "input/dockerfile/context.h"
#include "lexicon/lexicon.h"
#include "util/path.h"

/* Keys and credentials are small: a file's head says what it is. */
#define MAX_READ (64 * 1024)

/* Whether rel (a context file) is copied by src, a folder of the context
 * ("." for all of it, cleaned) or a wildcard: a match copies what is
 * below it, as BuildKit copies a folder's contents. */
static bool copies(const char *src, bool glob, const char *rel)
{
	size_t n = strlen(src);

	if (!strcmp(src, "."))
		return true;
	if (!glob)
		return !strncmp(rel, src, n) && rel[n] == '/';
	for (const char *s = rel;; s++) {
		char part[4096];
		const char *slash = strchr(s, '/');
		size_t k = slash ? (size_t)(slash - rel) : strlen(rel);

		if (k >= sizeof(part))
			return false;
		memcpy(part, rel, k);
		part[k] = '\0';
		if (!fnmatch(src, part, FNM_PATHNAME))
			return true;
		if (!slash)
			return false;
		s = slash;
	}
}

/* What the source copies, for the message. */
static const char *copied(struct arena *a, const char *src)
{
	if (!strcmp(src, "."))
		return "the build context";
	if (strpbrk(src, "*?["))
		return arena_printf(a, "what %s matches in the build context", src);
	return arena_printf(a, "the folder %s/ of the build context", src);
}

/* The secret files of the context that the instruction's folder and
 * wildcard sources copy: reported once, the first named. */
static void check_context(struct rule_ctx *c, const struct m_instr *in,
			  const struct ctx_secrets **secrets, bool *asked)
{
	const char **srcs = arena_alloc(c->df->a, (in->nwords + 1) * sizeof(*srcs));
	const char **words = arena_alloc(c->df->a, (in->nwords + 1) * sizeof(*words));
	const char *first = NULL, *what = NULL, *src1 = NULL, *word1 = NULL;
	size_t nsrcs = 0, count = 0;

	/* COPY --exclude leaves out files of its own: not followed. */
	for (size_t k = 0; k < in->node->nflags; k++)
		if (!strncmp(in->node->flags[k].value, "--exclude", 9))
			return;
	for (size_t k = 0; k + 1 < in->nwords; k++) {
		const char *src = in->words[k], *clean;

		if (!*src || strchr(src, '$') || strstr(src, "://"))
			continue;
		while (src[0] == '/')
			src++;
		clean = path_clean(c->df->a, *src ? src : ".");
		if (!strncmp(clean, "../", 3) || !strcmp(clean, ".."))
			continue;
		if (strpbrk(clean, "*?[") || !strcmp(clean, ".") ||
		    m_context_kind(c->df, clean) == M_CONTEXT_DIR) {
			words[nsrcs] = in->words[k];
			srcs[nsrcs++] = clean;
		}
	}
	if (!nsrcs)
		return;
	if (!*asked) {
		*asked = true;
		*secrets = m_context_secrets(c->df);
	}
	for (size_t i = 0; *secrets && i < (*secrets)->n; i++) {
		const struct ctx_secret *s = &(*secrets)->v[i];

		for (size_t k = 0; k < nsrcs; k++) {
			if (!copies(srcs[k], strpbrk(srcs[k], "*?[") != NULL, s->rel))
				continue;
			if (!count++) {
				first = s->rel;
				what = s->what;
				src1 = srcs[k];
				word1 = words[k];
			}
			break;
		}
	}
	if (!count)
		return;
	rule_report(c, in, "%s %s copies %s, which holds %s (%s)%s that git ignores but %s: add %s to %s, or "
		    "use RUN --mount=type=secret",
		    in->kind == K_COPY ? "COPY" : "ADD", word1, copied(c->df->a, src1), first, what,
		    count == 1 ? "" : count == 2 ? " and 1 more secret file" :
		    arena_printf(c->df->a, " and %zu more secret files", count - 1),
		    (*secrets)->ignore ? arena_printf(c->df->a, "%s does not exclude",
						      (*secrets)->ignore) :
					 "no .dockerignore excludes",
		    count == 1 ? "it" : "them", (*secrets)->ignore ? (*secrets)->ignore : ".dockerignore");
}

static void check(struct rule_ctx *c)
{
	const bool *ships = rule_stages_ship(c);
	const struct ctx_secrets *secrets = NULL;
	bool asked = false;

	for (size_t i = 0; i < c->df->nstages; i++) {
		const struct m_stage *s = &c->df->stages[i];

		if (!ships[i])
			continue;
		for (size_t j = 1; j < s->ninstrs; j++) {
			const struct m_instr *in = &s->instrs[j];
			bool said = false;

			/* --from copies another stage's or image's files, not the
			 * context's; a heredoc is written in the Dockerfile. */
			if ((in->kind != K_COPY && in->kind != K_ADD) || in->copy_from ||
			    in->node->nheredocs)
				continue;
			for (size_t k = 0; k + 1 < in->nwords && !said; k++) {
				const char *src = in->words[k], *buf = NULL, *what;
				size_t len = 0;

				if (!*src || strpbrk(src, "*?[$") || strstr(src, "://"))
					continue;
				if (m_context_kind(c->df, src) == M_CONTEXT_FILE)
					buf = m_context_head(c->df, src, MAX_READ, &len);
				if (!(what = lex_secret_file(src, buf, len)))
					continue;
				rule_report(c, in, "%s copies %s (%s) into the image, where anyone who "
					    "pulls it can read it: use RUN --mount=type=secret",
					    in->kind == K_COPY ? "COPY" : "ADD", src, what);
				said = true;
			}
			if (!said)
				check_context(c, in, &secrets, &asked);
		}
	}
}

const struct check check_secret_file_copied = {
	.rule = &SW0507,
	.dockerfile = check,
};
