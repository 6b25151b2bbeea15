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

void render_explain(FILE *out, const struct rule *r, bool markdown)
{
	char point[64] = "none (general best practice)";

	if (r->checklist)
		snprintf(point, sizeof(point), "%d. %s", r->checklist,
			 checklist[r->checklist - 1].title);
	if (markdown) {
		fprintf(out, "## %s: %s\n\n", r->id, r->title);
		fprintf(out, "Severity: %s. Checklist: %s. Layer: %s. Applies to: %s.\n\n",
			severity_name(r->severity), point, r->layer,
			r->scope == SCOPE_PRODUCTION ? "production files" : "every file");
		fprintf(out, "%s\n\nBad:\n\n```dockerfile\n", r->why);
		block(out, r->bad, "");
		fprintf(out, "```\n\nGood:\n\n```dockerfile\n");
		block(out, r->good, "");
		fprintf(out, "```\n\nFix: %s\n\n", r->fix);
		return;
	}
	fprintf(out, "%s: %s\n\n", r->id, r->title);
	fprintf(out, "Severity:  %s\nChecklist: %s\nLayer:     %s\nApplies:   %s\n\n",
		severity_name(r->severity), point, r->layer,
		r->scope == SCOPE_PRODUCTION ? "production files (--scope all: every file)" :
		"every file");
	fprintf(out, "Why it matters\n");
	block(out, r->why, "    ");
	fprintf(out, "\nBad\n");
	block(out, r->bad, "    ");
	fprintf(out, "\nGood\n");
	block(out, r->good, "    ");
	fprintf(out, "\nHow to fix\n");
	block(out, r->fix, "    ");
}
