/* SW0001: A base image has no tag or uses latest. */
#include "checks/check.h"
#include "lexicon/lexicon.h"
#include "spec/image_ref.h"

#include <ctype.h>
#include <string.h>
#include <strings.h>

/*
 * Whether the FROM reference as written uses a global ARG that has no
 * default (or isn't declared): the image is then chosen with --build-arg,
 * and the model's expansion to "" says nothing about the real tag.
 */
static bool uses_unset_arg(const struct m_dockerfile *df, const char *raw)
{
	char esc = df->df ? df->df->escape : '\\';

	for (const char *p = raw; *p; p++) {
		const char *n;
		size_t len = 0;
		bool set = false;

		if (*p == esc && p[1]) {
			p++;
			continue;
		}
		if (*p != '$')
			continue;
		n = p + 1 + (p[1] == '{');
		while (isalnum((unsigned char)n[len]) || n[len] == '_')
			len++;
		if (!len)
			continue;
		for (size_t i = df->nglobal; i-- > 0;) {
			const struct m_var *v = &df->global_args[i];

			if (strlen(v->name) == len && !memcmp(v->name, n, len)) {
				set = v->has_value;
				break;
			}
		}
		if (!set)
			return true;
	}
	return false;
}

/* FROM ${REGISTRY}/ubuntu, the variable unset or without a default. */
static void untagged_repo(struct rule_ctx *c, const struct df_node *n, const char *raw)
{
	struct finding *f;

	f = rule_report_at(c, n->args[0].pos, n->args[0].pos.col + (unsigned)n->args[0].len,
			   "base image %s has no tag: the variable only chooses the registry, so "
			   "it pulls whatever latest is at build time", raw);
	f->fix = arena_printf(c->a, "Pin a version tag, e.g. FROM %s:<version>, and ideally a "
			      "digest (@sha256:...)", raw);
}

/* FROM debian:stable, node:lts, alpine:edge. */
static void floating(struct rule_ctx *c, const struct df_node *n, const char *ref,
		     const char *tag, const char *fromarg)
{
	size_t rl = strlen(ref) - strlen(tag) - 1;
	struct finding *f;

	if (*fromarg)
		f = rule_report_at(c, n->args[0].pos, n->args[0].pos.col + (unsigned)n->args[0].len,
				   "base image %s defaults to %s, and the %s tag moves like latest",
				   fromarg, ref, tag);
	else
		f = rule_report_at(c, n->args[0].pos, n->args[0].pos.col + (unsigned)n->args[0].len,
				   "base image %s uses the %s tag, which moves like latest", ref,
				   tag);
	f->fix = arena_printf(c->a, "Pin a version tag, e.g. FROM %.*s:<version>, and ideally a "
			      "digest (@sha256:...)", (int)rl, ref);
}

static void check_stage(struct rule_ctx *c, const struct m_stage *s)
{
	const struct df_node *n = s->instrs[0].node;
	const char *ref = s->image, *tag, *raw, *fromarg = "";
	struct finding *f;
	struct df_pos pos;
	unsigned end;
	size_t rl;

	if (s->base_stage || !ref || !*ref || !n->nargs)
		return;
	/* Still holds a $ after expansion: not a reference we can judge. */
	if (!strcasecmp(ref, "scratch") || strchr(ref, '$') || rule_local_image(c, ref))
		return;
	raw = n->args[0].value;
	if (strchr(raw, '$')) {
		const char *last = strrchr(raw, '/');

		if (uses_unset_arg(c->df, raw)) {
			/* ${REGISTRY}/ubuntu: the variable only picks the registry */
			if (last && !strpbrk(last, "$:@"))
				untagged_repo(c, n, raw);
			return;
		}
		fromarg = raw;
	}
	tag = image_ref_tag(c->a, ref);
	if (!tag)
		return;	/* pinned by digest */
	if (*tag && !lex_floating_ref(image_ref_repo(c->a, ref), tag))
		return;
	if (*tag && strcmp(tag, "latest")) {
		floating(c, n, ref, tag, fromarg);
		return;
	}
	rl = strlen(ref) - (*tag ? strlen(":latest") : 0);
	if (rl && ref[rl - 1] == ':')
		rl--;	/* node:${UNSET_TAG} */
	pos = n->args[0].pos;
	end = pos.col + (unsigned)n->args[0].len;
	if (*fromarg && *tag)
		f = rule_report_at(c, pos, end, "base image %s defaults to %s, and latest moves "
				   "with every release", fromarg, ref);
	else if (*fromarg)
		f = rule_report_at(c, pos, end, "base image %s defaults to %s, which has no tag, so "
				   "it pulls whatever latest is at build time", fromarg, ref);
	else if (*tag)
		f = rule_report_at(c, pos, end, "base image %s uses the latest tag, which moves "
				   "with every release", ref);
	else
		f = rule_report_at(c, pos, end, "base image %s has no tag, so it pulls whatever "
				   "latest is at build time", ref);
	if (*fromarg)
		f->fix = arena_printf(c->a, "Pin a version tag in the ARG default used by FROM "
				      "(%.*s:<version>), and ideally a digest (@sha256:...)",
				      (int)rl, ref);
	else
		f->fix = arena_printf(c->a, "Pin a version tag, e.g. FROM %.*s:<version>, and "
				      "ideally a digest (@sha256:...)", (int)rl, ref);
}

/* COPY --from=composer:latest: the files copied change with the image. A
 * name without a tag or a slash may be a named build context
 * (--build-context composer=...), and is left alone. */
static void check_copy_from(struct rule_ctx *c, const struct m_instr *in)
{
	const char *ref = in->copy_from, *tag;
	struct finding *f;
	size_t rl;

	if (!ref || in->from_stage || !*ref || strspn(ref, "0123456789") == strlen(ref) ||
	    strchr(ref, '$') || !strcasecmp(ref, "scratch") || rule_local_image(c, ref))
		return;
	if (!(tag = image_ref_tag(c->a, ref)))
		return;	/* pinned by digest */
	if (!*tag && !strchr(ref, '/'))
		return;
	if (*tag && strcmp(tag, "latest") && !lex_floating_ref(image_ref_repo(c->a, ref), tag))
		return;
	rl = strlen(ref) - (*tag ? strlen(tag) + 1 : 0);
	if (!*tag)
		f = rule_report(c, in, "COPY --from image %s has no tag: the files it copies are "
				"whatever latest holds at build time", ref);
	else
		f = rule_report(c, in, "COPY --from image %s uses the %s tag: the files it copies "
				"change with every release", ref, tag);
	f->fix = arena_printf(c->a, "Pin a version tag, e.g. COPY --from=%.*s:<version>, and "
			      "ideally a digest (@sha256:...)", (int)rl, ref);
}

static void check(struct rule_ctx *c)
{
	for (size_t i = 0; i < c->df->nstages; i++) {
		const struct m_stage *s = &c->df->stages[i];

		if (!s->ninstrs)
			continue;
		check_stage(c, s);
		for (size_t k = 0; k < s->ninstrs; k++)
			if (s->instrs[k].kind == K_COPY)
				check_copy_from(c, &s->instrs[k]);
	}
}

const struct check check_latest_tag = {
	.rule = &SW0001,
	.dockerfile = check,
};
