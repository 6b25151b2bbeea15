#include "checks/check.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "yaml/yaml.h"

static struct finding *vreport(struct rule_ctx *c, const char *file, unsigned line, unsigned col,
			       unsigned eline, unsigned ecol, const char *fmt, va_list ap)
	__attribute__((format(printf, 7, 0)));

/* Formats once, on the stack: report_add would format again. */
static struct finding *vreport(struct rule_ctx *c, const char *file, unsigned line, unsigned col,
			       unsigned eline, unsigned ecol, const char *fmt, va_list ap)
{
	char msg[2048];
	int n = vsnprintf(msg, sizeof(msg), fmt, ap);

	if (n < 0)
		n = 0;
	return report_add_str(c->report, c->rule, file, line, col, eline, ecol, msg,
			      (size_t)n < sizeof(msg) ? (size_t)n : sizeof(msg) - 1);
}

struct finding *rule_report(struct rule_ctx *c, const struct m_instr *at, const char *fmt, ...)
{
	struct finding *f;
	va_list ap;

	va_start(ap, fmt);
	f = vreport(c, c->df->path, at->node->start.line, at->node->start.col, at->node->end.line,
		    at->node->end.col, fmt, ap);
	va_end(ap);
	return f;
}

struct finding *rule_report_at(struct rule_ctx *c, struct df_pos pos, unsigned end_col,
			       const char *fmt, ...)
{
	struct finding *f;
	va_list ap;

	va_start(ap, fmt);
	f = vreport(c, c->df->path, pos.line, pos.col, pos.line, end_col, fmt, ap);
	va_end(ap);
	return f;
}

void rules_check_dockerfile(struct report *r, const struct m_dockerfile *df,
			    const struct config *config)
{
	for (size_t i = 0; i < check_count; i++) {
		struct rule_ctx c = { r, r->a, check_table[i]->rule, df, config, NULL, NULL, NULL, NULL,
				      NULL };

		if (check_table[i]->dockerfile)
			check_table[i]->dockerfile(&c);
	}
}

struct finding *rule_report_pos(struct rule_ctx *c, const struct y_pos *pos, const char *fmt, ...)
{
	const char *file = pos->file ? arena_strdup(c->a, pos->file) : NULL;
	struct finding *f;
	va_list ap;

	va_start(ap, fmt);
	f = vreport(c, file, pos->line, pos->col, pos->line, pos->col, fmt, ap);
	va_end(ap);
	return f;
}

void rules_check_compose(struct report *r, const struct c_project *p,
			 const struct m_dockerfile *const *service_df,
			 const struct config *config)
{
	for (size_t i = 0; i < check_count; i++) {
		struct rule_ctx c = { r, r->a, check_table[i]->rule, NULL, config, p, service_df, NULL,
				      NULL, NULL };

		if (check_table[i]->compose)
			check_table[i]->compose(&c);
	}
}

void rules_check_scripts(struct report *r, const struct script_set *scripts,
			 const struct config *config)
{
	for (size_t i = 0; i < check_count; i++) {
		struct rule_ctx c = { r, r->a, check_table[i]->rule, NULL, config, NULL, NULL, scripts,
				      NULL, NULL };

		if (check_table[i]->scripts)
			check_table[i]->scripts(&c);
	}
}

void rules_check_image(struct report *r, const struct image *img, const struct config *config)
{
	for (size_t i = 0; i < check_count; i++) {
		struct rule_ctx c = { r, r->a, check_table[i]->rule, NULL, config, NULL, NULL, NULL, img,
				      NULL };

		if (check_table[i]->image)
			check_table[i]->image(&c);
	}
}

void rules_check_live(struct report *r, const struct live_container *ct,
		      const struct config *config)
{
	for (size_t i = 0; i < check_count; i++) {
		struct rule_ctx c = { r, r->a, check_table[i]->rule, NULL, config, NULL, NULL, NULL, NULL,
				      ct };

		if (check_table[i]->live)
			check_table[i]->live(&c);
	}
}
