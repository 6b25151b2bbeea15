#include "checks/check.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "input/compose/lower.h"
#include "input/engine/lower.h"
#include "input/image/lower.h"
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

/* The layer functions of struct check. */
enum { FN_DOCKERFILE, FN_COMPOSE, FN_SCRIPTS, FN_IMAGE, FN_LIVE };

/* Runs the checks of one layer over a unit: each check's function for the
 * layer (base->rule set to its rule), or its runtime function over specs
 * under the rule it names for their kind; in table order. */
static void run_checks(const struct rule_ctx *base, int layer, enum spec_kind kind)
{
	for (size_t i = 0; i < check_count; i++) {
		const struct check *k = check_table[i];
		void (*fn)(struct rule_ctx *) = layer == FN_DOCKERFILE ? k->dockerfile :
						 layer == FN_COMPOSE ? k->compose :
						 layer == FN_SCRIPTS ? k->scripts :
						 layer == FN_IMAGE ? k->image : k->live;
		struct rule_ctx c = *base;

		if (fn) {
			c.rule = k->rule;
			fn(&c);
		}
		if (kind < SPEC_NKINDS && k->spec && base->nspecs && k->on[kind]) {
			c.rule = k->on[kind];
			k->spec(&c);
		}
	}
}

void rules_check_dockerfile(struct report *r, const struct m_dockerfile *df,
			    const struct config *config)
{
	struct rule_ctx c = { .report = r, .a = r->a, .config = config, .df = df };

	run_checks(&c, FN_DOCKERFILE, SPEC_NKINDS);
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
	struct arena *a = r->a;
	struct spec *specs = arena_alloc(a, (p->nservices + 1) * sizeof(*specs));
	const struct spec **v = arena_alloc(a, (p->nservices + 1) * sizeof(*v));
	struct rule_ctx c = { .report = r, .a = a, .config = config, .project = p,
			      .service_df = service_df, .specs = v, .nspecs = p->nservices };

	for (size_t i = 0; i < p->nservices; i++) {
		compose_lower(a, p, i, service_df ? service_df[i] : NULL, &specs[i]);
		v[i] = &specs[i];
	}
	run_checks(&c, FN_COMPOSE, SPEC_SERVICE);
}

void rules_check_scripts(struct report *r, const struct script_set *scripts,
			 const struct config *config)
{
	struct rule_ctx c = { .report = r, .a = r->a, .config = config, .scripts = scripts };

	run_checks(&c, FN_SCRIPTS, SPEC_NKINDS);
}

void rules_check_image(struct report *r, const struct image *img, const struct config *config)
{
	struct spec *sp = arena_alloc(r->a, sizeof(*sp));
	const struct spec **v = arena_alloc(r->a, sizeof(*v));
	struct rule_ctx c = { .report = r, .a = r->a, .config = config, .image = img, .specs = v,
			      .nspecs = 1 };

	image_lower(r->a, img, sp);
	v[0] = sp;
	run_checks(&c, FN_IMAGE, SPEC_IMAGE);
}

void rules_check_live(struct report *r, const struct live_container *ct,
		      const struct config *config)
{
	struct spec *sp = arena_alloc(r->a, sizeof(*sp));
	const struct spec **v = arena_alloc(r->a, sizeof(*v));
	struct rule_ctx c = { .report = r, .a = r->a, .config = config, .container = ct, .specs = v,
			      .nspecs = 1 };

	live_lower(r->a, ct, sp);
	v[0] = sp;
	run_checks(&c, FN_LIVE, SPEC_CONTAINER);
}
