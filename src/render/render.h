/* Renderers see only the report (findings, errors) and rule metadata.
 * Each renderer is one file defining one const struct renderer. */
#ifndef SW_RENDER_H
#define SW_RENDER_H

#include <stdbool.h>
#include <stdio.h>

#include "findings/findings.h"

struct render_opts {
	bool color;
	/* Suppressed findings (finding.suppressed) are left out unless this
	 * is set; SARIF then emits them with `suppressions` entries. */
	bool show_suppressed;
	/* With --baseline: how many known findings were left out. */
	bool baseline;
	size_t baseline_known;
};

struct renderer {
	const char *name;
	void (*render)(FILE *out, const struct report *r, const struct render_opts *o);
};

const struct renderer *renderer_find(const char *name);
extern const char renderer_names[];	/* "text, json" for messages */

enum point_status { POINT_PASS, POINT_FAIL, POINT_UNCHECKED };
/* Status of checklist point p (1..10) and its number of findings. */
enum point_status checklist_status(const struct report *r, int p, size_t *count);
const char *point_status_name(enum point_status s);

/* Writes a jansson value pretty-printed, through one buffer: jansson's own
 * json_dumpf makes an fwrite call per token. */
struct json_t;
void render_json_value(FILE *out, const struct json_t *v);

/* Whether the report accounts for inputs (seaworthy check): then it has a
 * summary line. */
bool render_has_summary(const struct report *r);
/* "checked 14 Dockerfiles (5 shipped stages), 3 compose projects, 22
 * scripts; held back 31 findings in 9 test and dev files (--scope all
 * shows them)", without a newline. In the report's arena. */
const char *render_summary_line(const struct report *r);

struct rule;
/* The explain page of a rule; Markdown for docs/rules.md. */
void render_explain(FILE *out, const struct rule *r, bool markdown);
void render_rules_man(FILE *out);	/* the catalogue as seaworthy-rules(7) */

#endif
