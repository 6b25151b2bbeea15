/* SW0505: A variable is used but never defined. */
#include "checks/check.h"

#include <ctype.h>
#include <string.h>

#include "checks/dockerfile/vars.h"
#include "util/str.h"

/* The instruction keyword, uppercased: "COPY". */
static const char *keyword(struct rule_ctx *c, const struct m_instr *in)
{
	char *k = arena_strdup(c->a, in->node->name);

	for (char *p = k; *p; p++)
		*p = (char)toupper((unsigned char)*p);
	return k;
}

/* A declaration of name in stage s from scope index `from` on, or NULL. */
static const struct m_var *declared_in(const struct m_stage *s, size_t from, const char *name)
{
	for (size_t i = from; i < s->nscope; i++)
		if (str_eq(s->scope[i].name, name))
			return &s->scope[i];
	return NULL;
}

static void check_from(struct rule_ctx *c, const struct m_instr *in, const char *name)
{
	const struct m_var *v = NULL;
	struct finding *f;

	/* FROM sees the platform ARGs without any declaration. */
	if (var_is_platform_arg(name))
		return;
	for (size_t s = 0; s < c->df->nstages && !v; s++)
		if (&c->df->stages[s] != in->stage)
			v = declared_in(&c->df->stages[s], 0, name);
	if (v && v->is_arg)
		f = rule_report(c, in, "FROM uses $%s, but FROM only sees ARGs declared before "
				"the first FROM, and ARG %s (line %u) is inside a stage",
				name, name, v->pos.line);
	else
		f = rule_report(c, in, "FROM uses $%s, which no ARG before the first FROM "
				"declares, so it expands to empty", name);
	f->fix = arena_printf(c->a, "Declare ARG %s=<default> before the first FROM", name);
}

static void check_ref(struct rule_ctx *c, const struct m_ref *r)
{
	const struct m_instr *in = r->in;
	const struct m_var *later;
	struct finding *f;

	/* ${NAME:-default} and the like handle an unset NAME on purpose. */
	if (var_is_proxy_arg(r->name) || r->guarded)
		return;
	if (in->kind == K_FROM) {
		check_from(c, in, r->name);
		return;
	}
	if (var_is_platform_arg(r->name)) {
		/* Predefined, but a stage only sees them once it declares them. */
		f = rule_report(c, in, "%s uses $%s, which is empty here: BuildKit only sets it "
				"in a stage that declares ARG %s", keyword(c, in), r->name, r->name);
		f->fix = arena_printf(c->a, "Add ARG %s after this stage's FROM (line %u)", r->name,
				      in->stage->instrs[0].node->start.line);
		return;
	}
	/* Any other name may come from the base image's ENV; scratch has none
	 * (but BuildKit gives it a default PATH). */
	if (!m_stage_from_scratch(in->stage) || str_eq(r->name, "PATH"))
		return;
	later = declared_in(in->stage, in->nscope, r->name);
	if (later)
		f = rule_report(c, in, "%s uses $%s before it is declared (%s %s, line %u), so "
				"it expands to empty here", keyword(c, in), r->name,
				later->is_arg ? "ARG" : "ENV", r->name, later->pos.line);
	else
		f = rule_report(c, in, "%s uses $%s, which is never defined: the stage is built "
				"from scratch, so no base image sets it, and it expands to empty",
				keyword(c, in), r->name);
	f->fix = arena_printf(c->a, "Declare ARG %s=<default> or ENV %s=<value> before this "
			      "line, or fix the name", r->name, r->name);
}

/* A RUN's $NAME that an ARG of another stage declares, and nothing of
 * its own stage: an ARG's scope ends with its stage, so the shell sees
 * it empty (the base image's own ENV aside). Other names may be the
 * shell's or the base image's. */
static void check_shell_ref(struct rule_ctx *c, const struct m_ref *r)
{
	const struct m_instr *in = r->in;
	const struct m_var *v = NULL;
	const struct m_stage *owner = NULL;
	struct finding *f;

	if (in->kind != K_RUN || r->guarded || c->df->nstages < 2)
		return;
	/* the ARG of another stage first: most names in RUN are none */
	for (size_t s = 0; s < c->df->nstages && !v; s++)
		if (&c->df->stages[s] != in->stage &&
		    (v = declared_in(&c->df->stages[s], 0, r->name)) && v->is_arg)
			owner = &c->df->stages[s];
		else
			v = NULL;
	if (!v || var_is_proxy_arg(r->name) || var_is_platform_arg(r->name) ||
	    instr_sets_shell_var(in, r->name) || var_set_by_base_image(c->a, in->stage, r->name))
		return;
	f = rule_report(c, in, "RUN uses $%s, but ARG %s (line %u) is declared in %s%s, "
			"not in this stage, so it is empty here", r->name, r->name, v->pos.line,
			owner->name ? "stage " : "another stage", owner->name ? owner->name : "");
	f->fix = arena_printf(c->a, "Add ARG %s after this stage's FROM (line %u), or move "
			      "the ARG before the first FROM and declare it again here", r->name,
			      in->stage->instrs[0].node->start.line);
}

static void check(struct rule_ctx *c)
{
	const struct m_dockerfile *df = c->df;

	for (size_t i = 0; i < df->nrefs; i++) {
		const struct m_ref *r = &df->refs[i];

		/* Shell code may use its own variables; global-only ARGs are SW0506's. */
		if (r->defined || r->global_only || !m_ref_first(df, i))
			continue;
		if (!r->shell)
			check_ref(c, r);
		else
			check_shell_ref(c, r);
	}
}

const struct check check_undefined_variable = {
	.rule = &SW0505,
	.dockerfile = check,
};
