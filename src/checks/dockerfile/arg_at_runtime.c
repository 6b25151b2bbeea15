/* SW0503: An ARG is read at run time, where it no longer exists. */
#include "checks/check.h"

#include <ctype.h>
#include <string.h>

#include "checks/dockerfile/vars.h"
#include "util/str.h"
#include "lexicon/lexicon.h"

static const char *kind_name(const struct m_instr *in)
{
	switch (in->kind) {
	case K_CMD: return "CMD";
	case K_ENTRYPOINT: return "ENTRYPOINT";
	default: return "HEALTHCHECK";
	}
}

static bool runs_at_runtime(const struct m_instr *in)
{
	return in->kind == K_CMD || in->kind == K_ENTRYPOINT || in->kind == K_HEALTHCHECK;
}

/* Whether some ENV of that name is visible: it exists at run time (ENV
 * also wins over an ARG of the same name during the build). */
static bool env_visible(const struct m_instr *in, const char *name)
{
	for (size_t i = 0; i < in->nscope; i++)
		if (!in->stage->scope[i].is_arg && str_eq(in->stage->scope[i].name, name))
			return true;
	return false;
}

/* Already reported this name for this instruction? */
static bool seen(const char **names, size_t n, const char *name)
{
	for (size_t i = 0; i < n; i++)
		if (str_eq(names[i], name))
			return true;
	return false;
}

static void check_name(struct rule_ctx *c, const struct m_instr *in, const char *name,
		       bool expanded)
{
	const struct m_var *v = m_lookup(in, name), *g;
	const char *kw = kind_name(in), *keep;
	struct finding *f;

	if (env_visible(in, name) || var_set_by_base_image(c->a, in->stage, name) ||
	    (expanded && instr_sets_shell_var(in, name)))
		return;
	if (v && v->is_arg) {
		if (expanded)
			f = rule_report(c, in, "%s reads $%s, but %s is an ARG (line %u): build "
					"arguments don't exist when the container runs, so it is "
					"empty there", kw, name, name, v->pos.line);
		else
			f = rule_report(c, in, "%s is in exec form, so $%s is passed as is, not "
					"expanded; and %s is an ARG (line %u), which doesn't exist "
					"when the container runs", kw, name, name, v->pos.line);
	} else if (!v && (g = global_arg(c->df, name))) {
		if (expanded)
			f = rule_report(c, in, "%s reads $%s, but %s is an ARG declared before FROM "
					"(line %u): build arguments don't exist when the container "
					"runs, so it is empty there", kw, name, name, g->pos.line);
		else
			f = rule_report(c, in, "%s is in exec form, so $%s is passed as is, not "
					"expanded; and %s is an ARG declared before FROM (line %u), "
					"which doesn't exist when the container runs",
					kw, name, name, g->pos.line);
	} else {
		return;
	}
	keep = v ? arena_printf(c->a, "add ENV %s=${%s} after the ARG %s", name, name, name)
		 : arena_printf(c->a, "add ARG %s and ENV %s=${%s} after this stage's FROM "
				"(line %u)", name, name, name, in->stage->instrs[0].node->start.line);
	if (expanded)
		f->fix = arena_printf(c->a, "Keep the value for run time: %s", keep);
	else
		f->fix = arena_printf(c->a, "Keep the value for run time (%s) and read it from the "
				      "environment in the program, or use the shell form (or "
				      "[\"sh\", \"-c\", \"...\"]) so $%s is expanded", keep, name);
}

static bool is_shell_name(const char *s)
{
	return lex_has_base(&lex_shells, s);
}

/* Exec form that runs a program directly, not ["sh", "-c", "script"]. */
static bool exec_without_shell(const struct m_instr *in)
{
	if (!in->exec_form)
		return false;
	return !(in->nwords >= 3 && is_shell_name(in->words[0]) && in->words[1][0] == '-' &&
		 strchr(in->words[1], 'c'));
}

/* $NAME and ${NAME...} written in exec-form words, which nothing expands. */
static void check_exec_words(struct rule_ctx *c, const struct m_instr *in)
{
	const char *names[16];
	size_t n = 0;

	for (size_t i = 0; i < in->nwords; i++) {
		for (const char *p = in->words[i]; *p; p++) {
			const char *q;
			char *name;

			if (*p != '$')
				continue;
			q = p + 1 + (p[1] == '{');
			if (!isalpha((unsigned char)*q) && *q != '_')
				continue;
			p = q;
			while (isalnum((unsigned char)*q) || *q == '_')
				q++;
			name = arena_strndup(c->a, p, (size_t)(q - p));
			p = q - 1;
			if (seen(names, n, name))
				continue;
			if (n < sizeof(names) / sizeof(names[0]))
				names[n++] = name;
			check_name(c, in, name, false);
		}
	}
}

static void check(struct rule_ctx *c)
{
	const struct m_dockerfile *df = c->df;

	/* Shell code: refs the model collected (shell form and sh -c). */
	for (size_t i = 0; i < df->nrefs; i++) {
		const struct m_ref *r = &df->refs[i];

		if (r->shell && runs_at_runtime(r->in) && m_ref_first(df, i))
			check_name(c, r->in, r->name, true);
	}
	/* Exec form: the words are passed to the program as written. */
	for (size_t s = 0; s < df->nstages; s++)
		for (size_t i = 0; i < df->stages[s].ninstrs; i++) {
			const struct m_instr *in = &df->stages[s].instrs[i];

			if (runs_at_runtime(in) && exec_without_shell(in))
				check_exec_words(c, in);
		}
}

const struct check check_arg_at_runtime = {
	.rule = &SW0503,
	.dockerfile = check,
};
