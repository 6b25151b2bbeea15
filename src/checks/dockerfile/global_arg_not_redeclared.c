/* SW0506: An ARG declared before FROM is used in a stage without being declared again. */
#include "checks/check.h"

#include <ctype.h>
#include <string.h>

#include "checks/dockerfile/vars.h"

static const char *keyword(struct rule_ctx *c, const struct m_instr *in)
{
	char *k = arena_strdup(c->a, in->node->name);

	for (char *p = k; *p; p++)
		*p = (char)toupper((unsigned char)*p);
	return k;
}

static void check_ref(struct rule_ctx *c, const struct m_ref *r)
{
	const struct m_instr *in = r->in;
	const struct m_var *g = global_arg(c->df, r->name);
	struct finding *f;

	/* Run-time instructions are SW0503's: there even a declared ARG is gone. */
	if (!g || in->kind == K_CMD || in->kind == K_ENTRYPOINT || in->kind == K_HEALTHCHECK)
		return;
	/* RUN gets the proxy ARGs without a declaration; node images set NODE_VERSION. */
	if (var_is_proxy_arg(r->name) || var_set_by_base_image(c->a, in->stage, r->name))
		return;
	if (r->shell && instr_sets_shell_var(in, r->name))
		return;
	f = rule_report(c, in, "%s uses $%s, but ARG %s (line %u) is declared before FROM and "
			"not again in this stage, so %s", keyword(c, in), r->name, r->name,
			g->pos.line, r->guarded
			? "its fallback is used instead of the global value"
			: "it is empty here");
	f->fix = arena_printf(c->a, "Add ARG %s after this stage's FROM (line %u) to use the "
			      "global value", r->name, in->stage->instrs[0].node->start.line);
}

static void check(struct rule_ctx *c)
{
	const struct m_dockerfile *df = c->df;

	for (size_t i = 0; i < df->nrefs; i++)
		if (df->refs[i].global_only && m_ref_first(df, i))
			check_ref(c, &df->refs[i]);
}

const struct check check_global_arg_not_redeclared = {
	.rule = &SW0506,
	.dockerfile = check,
};
