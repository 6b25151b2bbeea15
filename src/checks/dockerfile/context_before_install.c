/* SW0301: The whole build context is copied before a dependency install. */
#include "checks/check.h"

#include <string.h>

#include "checks/dockerfile/deps.h"
#include "checks/dockerfile/helpers.h"
#include "util/str.h"

#define MAX_ECOS 64

/* Package families already installed: a later install of one reuses them. */
struct seen {
	const char *eco[MAX_ECOS];
	size_t n;
};

static bool seen_has(const struct seen *s, const char *eco)
{
	for (size_t i = 0; i < s->n; i++)
		if (str_eq(s->eco[i], eco))
			return true;
	return false;
}

static void seen_add(struct seen *s, const char *eco)
{
	if (s->n < MAX_ECOS && !seen_has(s, eco))
		s->eco[s->n++] = eco;
}

/* A package file fetched by the same RUN isn't from the context. */
static bool downloaded_before(const struct m_instr *in, size_t idx)
{
	for (size_t i = 0; i < idx; i++) {
		const char *n = sh_cmd_name(&in->sh.cmds[i]);

		if (str_eq(n, "curl") || str_eq(n, "wget") || str_eq(n, "aria2c") ||
		    str_eq(n, "git"))
			return true;
	}
	return false;
}

static void installs_of(struct rule_ctx *c, const struct m_stage *s, struct seen *seen)
{
	struct dep_install d;

	for (size_t i = 1; i < s->ninstrs; i++) {
		const struct m_instr *in = &s->instrs[i];

		if (in->kind != K_RUN)
			continue;
		for (size_t k = 0; k < in->sh.ncmds; k++)
			if (dep_install_of(c->a, &in->sh.cmds[k], &d))
				seen_add(seen, d.eco);
	}
}

static void report(struct rule_ctx *c, const struct m_instr *copy, const struct m_instr *run,
		   const struct dep_install *d)
{
	unsigned line = run->node->start.line;
	struct finding *f;

	if (d->pkgfile) {
		f = rule_report(c, copy, "the whole build context is copied before `%s` (line %u), "
				"so every code change reinstalls the package", d->what, line);
		f->fix = arena_printf(c->a, "Copy only %s first and install it, then copy the rest "
				      "of the context", d->manifests);
		return;
	}
	if (d->build)
		f = rule_report(c, copy, "the whole build context is copied before `%s` (line %u) "
				"and no earlier step fetched the dependencies, so every code "
				"change downloads all of them again", d->what, line);
	else
		f = rule_report(c, copy, "the whole build context is copied before `%s` (line %u), "
				"so every code change reinstalls all dependencies", d->what, line);
	if (d->fetch)
		f->fix = arena_printf(c->a, "Copy only %s first, run `%s`, then copy the rest of "
				      "the context", d->manifests, d->fetch);
	else
		f->fix = arena_printf(c->a, "Copy only %s first and install the dependencies it "
				      "lists, then copy the rest of the context", d->manifests);
}

/* cum[i]: what stage i and the stages it is built FROM install, made once
 * per stage in order (a base comes before the stages built on it), so a
 * long FROM chain is not walked again for each of its stages. */
static void check_stage(struct rule_ctx *c, const struct m_stage *s, struct seen *cum)
{
	const struct m_instr *whole = NULL;
	struct seen seen = { { NULL }, 0 };
	struct dep_install d;

	/* What base stages installed is cached before this stage's copies. */
	if (s->base_stage && s->base_stage->index < s->index)
		seen = cum[s->base_stage->index];
	else
		for (const struct m_stage *b = s->base_stage; b; b = b->base_stage)
			installs_of(c, b, &seen);
	cum[s->index] = seen;
	installs_of(c, s, &cum[s->index]);

	for (size_t i = 1; i < s->ninstrs; i++) {
		const struct m_instr *in = &s->instrs[i];
		bool cache;

		if (dep_whole_context_copy(in)) {
			if (!whole)
				whole = in;
			continue;
		}
		if (in->kind != K_RUN)
			continue;
		cache = instr_has_mount(in, "cache");
		for (size_t k = 0; k < in->sh.ncmds; k++) {
			if (!dep_install_of(c->a, &in->sh.cmds[k], &d))
				continue;
			if (d.pkgfile && downloaded_before(in, k))
				continue;
			/*
			 * An install of the same family before the copy already
			 * cached the dependencies (COPY go.mod; go mod download;
			 * COPY . .; go build). A cache mount keeps a build's
			 * downloads across builds.
			 */
			if (whole && !seen_has(&seen, d.eco) && !(d.build && cache))
				report(c, whole, in, &d);
			seen_add(&seen, d.eco);
		}
	}
}

static void check(struct rule_ctx *c)
{
	struct seen *cum = arena_alloc(c->a, (c->df->nstages + 1) * sizeof(*cum));

	for (size_t i = 0; i < c->df->nstages; i++)
		check_stage(c, &c->df->stages[i], cum);
}

const struct check check_context_before_install = {
	.rule = &SW0301,
	.dockerfile = check,
};
