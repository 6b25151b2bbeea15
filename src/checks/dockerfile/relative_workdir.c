/* SW0006: WORKDIR is a relative path. */
#include "checks/check.h"

#include <ctype.h>
#include <string.h>

/* "/app", and Windows paths: "C:\app", "c:/app". */
static bool is_absolute(const char *p)
{
	return p[0] == '/' || p[0] == '\\' || (isalpha((unsigned char)p[0]) && p[1] == ':');
}

/*
 * WORKDIR $APP_HOME: a leading variable we can't resolve (from the base
 * image's ENV, or a build arg without a default) may well be absolute.
 */
static bool leading_var_unknown(const struct m_instr *in)
{
	const char *raw = in->node->nargs ? in->node->args[0].value : "";
	const struct m_var *v;
	size_t len = 0;
	char name[128];

	if (raw[0] == '"' || raw[0] == '\'')
		raw++;
	if (raw[0] != '$')
		return false;
	raw += 1 + (raw[1] == '{');
	while ((isalnum((unsigned char)raw[len]) || raw[len] == '_') && len + 1 < sizeof(name))
		len++;
	if (!len)
		return true;
	memcpy(name, raw, len);
	name[len] = '\0';
	v = m_lookup(in, name);
	return !v || !v->has_value;
}

/* Whether a WORKDIR before in (in its stage chain) fixes the base of a relative one. */
static bool earlier_workdir(const struct m_instr *in)
{
	const struct m_stage *s = in->stage;
	size_t end = in->index;

	while (s) {
		for (size_t i = end; i-- > 1;)
			if (s->instrs[i].kind == K_WORKDIR)
				return true;
		s = s->base_stage;
		end = s ? s->ninstrs : 0;
	}
	return false;
}

static void check_workdir(struct rule_ctx *c, const struct m_instr *in)
{
	const char *w = in->nwords ? in->words[0] : "", *prev = in->workdir ? in->workdir : "/";
	const char *raw = in->node->nargs ? in->node->args[0].value : "", *shown, *full;
	struct finding *f;
	size_t pl = strlen(prev);

	if (!*w || is_absolute(w) || leading_var_unknown(in))
		return;
	/* WORKDIR ${SUB} (= logs): say what the user wrote, and what it is. */
	shown = strcmp(raw, w) ? arena_printf(c->a, "%s (= %s)", raw, w) : w;
	if (prev[0] != '/' || strchr(prev, '\\')) {
		/* After a Windows WORKDIR: no Unix path to offer. */
		f = rule_report(c, in, "WORKDIR %s is relative: it depends on the WORKDIR before "
				"it (%s)", shown, prev);
		f->fix = "Use an absolute path";
		return;
	}
	while (w[0] == '.' && w[1] == '/')
		w += 2;
	full = arena_printf(c->a, "%s%s%s", prev, pl && prev[pl - 1] == '/' ? "" : "/", w);
	if (earlier_workdir(in))
		f = rule_report(c, in, "WORKDIR %s is relative: it resolves to %s only because the "
				"WORKDIR before it is %s", shown, full, prev);
	else if (m_stage_from_scratch(in->stage))
		f = rule_report(c, in, "WORKDIR %s is relative: it resolves to %s only because "
				"scratch starts at /", shown, full);
	else
		f = rule_report(c, in, "WORKDIR %s is relative to the base image's working "
				"directory, which the image can change under you", shown);
	f->fix = arena_printf(c->a, "Use an absolute path: WORKDIR %s",
			      earlier_workdir(in) || m_stage_from_scratch(in->stage)
			      ? full : arena_printf(c->a, "/%s", w));
}

static void check(struct rule_ctx *c)
{
	for (size_t s = 0; s < c->df->nstages; s++)
		for (size_t i = 0; i < c->df->stages[s].ninstrs; i++)
			if (c->df->stages[s].instrs[i].kind == K_WORKDIR)
				check_workdir(c, &c->df->stages[s].instrs[i]);
}

const struct check check_relative_workdir = {
	.rule = &SW0006,
	.dockerfile = check,
};
