/* SW0005: A shipped stage of a service image has no HEALTHCHECK. */
#include "checks/check.h"

#include <ctype.h>
#include <string.h>
#include <strings.h>

#include "util/strbuf.h"

/* A HEALTHCHECK the author wrote and commented out ("# HEALTHCHECK CMD
 * ..."): left out on purpose, most often with the reason beside it. */
static bool commented_out(const struct df_file *df)
{
	for (const char *p = df->buf; p && *p; p = strchr(p, '\n'), p = p ? p + 1 : NULL) {
		while (*p == ' ' || *p == '\t')
			p++;
		if (*p != '#')
			continue;
		p++;
		while (*p == ' ' || *p == '\t')
			p++;
		if (!strncasecmp(p, "HEALTHCHECK", 11) && (isspace((unsigned char)p[11]) || !p[11]))
			return true;
	}
	return false;
}

static void check(struct rule_ctx *c)
{
	const struct m_stage *final = c->stage;
	const struct m_instr *expose = NULL;
	const char *port;
	struct strbuf ports = STRBUF_INIT;

	if (!final || !final->ninstrs)
		return;
	/* The image's config is the chain's: FROM <stage> inherits both. */
	for (const struct m_stage *s = final; s; s = s->base_stage) {
		for (size_t i = s->ninstrs; i-- > 1;) {
			const struct m_instr *in = &s->instrs[i];

			if (in->kind == K_HEALTHCHECK)
				return;	/* HEALTHCHECK NONE is a choice too */
			if (in->kind == K_EXPOSE && in->nwords && !expose)
				expose = in;
		}
	}
	if (!expose || commented_out(c->df->df))
		return;
	/* EXPOSE of a base stage whose command this stage replaces (a
	 * worker FROM the web image): the port is the other program's. */
	if (expose->stage != final) {
		const struct m_instr *ep, *cmd, *bep, *bcmd;

		m_stage_main_process(final, &ep, &cmd);
		m_stage_main_process(expose->stage, &bep, &bcmd);
		if ((bep || bcmd) && ((ep && ep->stage == final) || (cmd && cmd->stage == final)))
			return;
	}
	for (size_t k = 0; k < expose->nwords && k < 3; k++)
		strbuf_addf(&ports, "%s%s", k ? (k + 1 == expose->nwords ? " and " : ", ") : "",
			    *expose->words[k] || k >= expose->node->nargs ? expose->words[k] :
			    expose->node->args[k].value);
	if (expose->nwords > 3)
		strbuf_addf(&ports, " and %zu more", expose->nwords - 3);
	port = arena_printf(c->a, "%s", ports.buf);
	strbuf_release(&ports);
	rule_report(c, &final->instrs[0], "%s EXPOSEs %s (line %u) but has no "
		    "HEALTHCHECK, so a hung server still counts as running", c->stage_label,
		    port, expose->node->start.line);
}

const struct check check_no_healthcheck = {
	.rule = &SW0005,
	.stage = check,
};
