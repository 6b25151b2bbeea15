/* Renderers see only the report (findings, errors) and rule metadata.
 * Each renderer is one file defining one const struct renderer. */
#ifndef SW_RENDER_H
#define SW_RENDER_H

#include <stdbool.h>
#include <stdio.h>

#include "findings/findings.h"
#include "util/strbuf.h"

struct render_opts {
	bool color;
	/* -q: the findings alone, no checklist or summary (text). */
	bool quiet;
	/* Input errors and notes in the body of the text and gnu formats:
	 * only in a file, since on a terminal stderr already showed them. */
	bool problems_inline;
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
	/* It prints the findings' line fingerprints (report_fingerprint), which
	 * the checks then make; other formats spare that. */
	bool fingerprints;
};

const struct renderer *renderer_find(const char *name);
extern const char renderer_names[];	/* "text, json" for messages */
extern const struct renderer *const renderers[];
extern const size_t renderer_count;

enum point_status { POINT_PASS, POINT_FAIL, POINT_UNCHECKED };
/* Status of checklist point p (1..10) and its number of findings: failed
 * when an unsuppressed finding is about it, passed only when an input that
 * can show it was read, else unchecked. */
enum point_status checklist_status(const struct report *r, int p, size_t *count);
const char *point_status_name(enum point_status s);
/* Why point p was not checked ("needs Dockerfiles", "the image could not
 * be read"), into sb, which it returns the text of. */
const char *checklist_reason(const struct report *r, int p, struct strbuf *sb);

/* What a finding without a file is about, as a path: "image/NAME",
 * "container/NAME", "host/NAME" (the layer's name when it has no target).
 * Raw bytes of the input: the caller quotes them its own way. */
void render_target_path(struct strbuf *sb, const struct finding *f);

/* The input errors and notes of a report, one line each, as the text
 * format prints them (file:line: error: message): what goes to stderr. */
void render_problems(FILE *out, const struct report *r, bool color);

/* Writes a jansson value pretty-printed, through one buffer: jansson's own
 * json_dumpf makes an fwrite call per token. */
struct json_t;
void render_json_value(FILE *out, const struct json_t *v);

/* The project's home, where docs/rules.md is published. */
#define SW_HOME_URI "https://github.com/seaworthy-lint/seaworthy"
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
/* Appends the address of a rule's section of docs/rules.md: GitHub's
 * anchor of its heading "## SW0201: Title". */
void render_help_uri(struct strbuf *sb, const struct rule *r);
/* The catalogue as data (seaworthy rules --format json). */
void render_rules_json(FILE *out);
/* The JSON Schema of .seaworthy.yaml (docs/seaworthy.schema.json). */
void render_config_schema(FILE *out);
/* The catalogue as Markdown (docs/rules.md): the table, hadolint's rules
 * and what checks them here, then every explain page. */
void render_rules_markdown(FILE *out);

#endif
