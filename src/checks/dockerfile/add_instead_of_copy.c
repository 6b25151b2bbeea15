/* SW0002: ADD is used where COPY would do. */
#include "checks/check.h"

#include <string.h>
#include <strings.h>

static bool has_prefix_ci(const char *s, const char *p)
{
	return !strncasecmp(s, p, strlen(p));
}

static bool has_suffix_ci(const char *s, const char *suf)
{
	size_t n = strlen(s), k = strlen(suf);

	return n >= k && !strcasecmp(s + n - k, suf);
}

/* Remote sources: ADD downloads them, COPY can't. */
static bool is_remote(const char *s)
{
	return has_prefix_ci(s, "http://") || has_prefix_ci(s, "https://") ||
	       has_prefix_ci(s, "git@") || has_prefix_ci(s, "git://") ||
	       has_prefix_ci(s, "ssh://");
}

/* Local tar archives, which ADD unpacks into the destination. */
static bool is_archive(const char *s)
{
	static const char *const ext[] = {
		".tar", ".tar.gz", ".tgz", ".tar.bz2", ".tbz2", ".tbz", ".tar.xz",
		".txz", ".tar.zst", ".tzst", ".tar.zstd",
	};

	for (size_t i = 0; i < sizeof(ext) / sizeof(*ext); i++)
		if (has_suffix_ci(s, ext[i]))
			return true;
	return false;
}

/*
 * Whether a source is plainly local content that COPY would copy the same
 * way. Unknown sources (unexpanded variables, globs that may match an
 * archive) are given the benefit of the doubt.
 */
static bool is_plain_local(const char *s)
{
	size_t n = strlen(s);

	if (!n || strchr(s, '$') || is_remote(s) || is_archive(s))
		return false;
	/* "vendor*" or "dist/?" could match archives; "*.json" can't. */
	if (strchr("*?]", s[n - 1]))
		return false;
	return true;
}

/* "a \\\n    b" joined by the parser reads "a     b": one space is enough. */
static const char *squeeze(struct arena *a, const char *s)
{
	char *r = arena_strdup(a, s), *o = r;

	for (const char *p = s; *p; p++)
		if (!((*p == ' ' || *p == '\t') && o > r && (o[-1] == ' ' || o[-1] == '\t')))
			*o++ = *p == '\t' ? ' ' : *p;
	*o = '\0';
	return r;
}

static void check_add(struct rule_ctx *c, const struct m_instr *in)
{
	const struct df_node *n = in->node;
	const char *rest = n->rest ? n->rest : "";
	struct finding *f;

	if (in->nwords < 2)
		return;
	/* Remote-only features: COPY has no equivalent. */
	if (df_flag(n, "checksum") || df_flag(n, "keep-git-dir") || df_flag(n, "unpack"))
		return;
	for (size_t i = 0; i + 1 < in->nwords; i++)
		if (!is_plain_local(in->words[i]))
			return;
	if (in->nwords == 2)
		f = rule_report(c, in, "ADD used for the local source %s: COPY does the same "
				"without ADD's URL fetching and archive unpacking", in->words[0]);
	else
		f = rule_report(c, in, "ADD used for %zu local sources (%s, ...): COPY does the "
				"same without ADD's URL fetching and archive unpacking",
				in->nwords - 1, in->words[0]);
	/* Every flag left (--chown, --chmod, --link, --exclude) is COPY's too. */
	if (!strchr(rest, '\n') && strlen(rest) <= 100) {
		const char *flags = "";

		for (size_t i = 0; i < n->nflags; i++)
			flags = arena_printf(c->a, "%s%s ", flags, n->flags[i].value);
		f->fix = arena_printf(c->a, "Use COPY instead: COPY %s%s", flags,
				      n->json || strpbrk(rest, "\"'") ? rest : squeeze(c->a, rest));
	}
}

static void check(struct rule_ctx *c)
{
	for (size_t s = 0; s < c->df->nstages; s++)
		for (size_t i = 0; i < c->df->stages[s].ninstrs; i++)
			if (c->df->stages[s].instrs[i].kind == K_ADD)
				check_add(c, &c->df->stages[s].instrs[i]);
}

const struct check check_add_instead_of_copy = {
	.rule = &SW0002,
	.dockerfile = check,
};
