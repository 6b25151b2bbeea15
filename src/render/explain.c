/* A rule's explain page, as text for the terminal or as Markdown for
 * docs/rules.md (generated, so the docs cannot drift from the table). */
#include <string.h>

#include "render/render.h"
#include "checks/check.h"

static void block(FILE *out, const char *text, const char *prefix)
{
	for (const char *p = text; *p;) {
		const char *e = strchr(p, '\n');
		int n = e ? (int)(e - p) : (int)strlen(p);

		fprintf(out, "%s%.*s\n", n ? prefix : "", n, p);
		p += n + (e ? 1 : 0);
	}
}

/* "DL3006, DL3007": the hadolint rules that check the same. */
static void peers(FILE *out, const struct rule *r)
{
	for (const struct peer_rule *p = r->peers; p && p->tool; p++)
		fprintf(out, "%s%s", p == r->peers ? "" : ", ", p->id);
}

void render_explain(FILE *out, const struct rule *r, bool markdown)
{
	char point[64] = "none (general best practice)";
	bool has_peers = r->peers && r->peers->tool;

	if (r->checklist)
		snprintf(point, sizeof(point), "%d. %s", r->checklist,
			 checklist[r->checklist - 1].title);
	if (markdown) {
		fprintf(out, "## %s: %s\n\n", r->id, r->title);
		fprintf(out, "Severity: %s. Checklist: %s. Layer: %s. Applies to: %s.",
			severity_name(r->severity), point, r->layer,
			r->scope == SCOPE_PRODUCTION ? "production files" : "every file");
		if (has_peers) {
			fprintf(out, " hadolint: ");
			peers(out, r);
			fputc('.', out);
		}
		fprintf(out, "\n\n");
		if (r->default_off)
			fprintf(out, "**Off by default**: reported only when `--select` names it "
				"or `enable:` in `.seaworthy.yaml` lists it. %s\n\n", r->default_off);
		fprintf(out, "%s\n\nBad:\n\n```dockerfile\n", r->why);
		block(out, r->bad, "");
		fprintf(out, "```\n\nGood:\n\n```dockerfile\n");
		block(out, r->good, "");
		fprintf(out, "```\n\nFix: %s\n\n", r->fix);
		if (r->options && r->options->name) {
			fprintf(out, "Options, under `rules: %s:` in `.seaworthy.yaml`:\n\n", r->id);
			for (const struct rule_option *o = r->options; o->name; o++)
				fprintf(out, "- `%s`%s: %s\n", o->name, o->list ? " (a list)" :
					o->integer ? " (a whole number)" : "", o->help ? o->help : "");
			fputc('\n', out);
		}
		return;
	}
	fprintf(out, "%s: %s\n\n", r->id, r->title);
	fprintf(out, "Severity:  %s\nChecklist: %s\nLayer:     %s\nApplies:   %s\n",
		severity_name(r->severity), point, r->layer,
		r->scope == SCOPE_PRODUCTION ? "production files (--scope all: every file)" :
		"every file");
	if (has_peers) {
		fprintf(out, "hadolint:  ");
		peers(out, r);
		fputc('\n', out);
	}
	if (r->default_off)
		fprintf(out, "Default:   off (--select %s, or enable: [%s] in .seaworthy.yaml)\n",
			r->id, r->id);
	fputc('\n', out);
	if (r->default_off) {
		fprintf(out, "Why it is off by default\n");
		block(out, r->default_off, "    ");
		fputc('\n', out);
	}
	fprintf(out, "Why it matters\n");
	block(out, r->why, "    ");
	fprintf(out, "\nBad\n");
	block(out, r->bad, "    ");
	fprintf(out, "\nGood\n");
	block(out, r->good, "    ");
	fprintf(out, "\nHow to fix\n");
	block(out, r->fix, "    ");
	if (r->options && r->options->name) {
		fprintf(out, "\nOptions (rules: %s: in .seaworthy.yaml)\n", r->id);
		for (const struct rule_option *o = r->options; o->name; o++)
			fprintf(out, "    %s%s: %s\n", o->name, o->list ? " (a list)" :
				o->integer ? " (a whole number)" : "", o->help ? o->help : "");
	}
}
