/* --format gnu: one line per finding in the GNU Coding Standards' form,
 *   FILE:LINE:COL: SEVERITY: MESSAGE [SW0201]
 * which Vim's errorformat, Emacs's compilation-mode and reviewdog
 * (-efm) read without help; SEVERITY is error, warning or info. A
 * whole-file finding (line 0) is "FILE: SEVERITY: ...", one without a
 * file names its target ("image NAME: ..."). Shown suppressed findings
 * are info and say so. No checklist, no summary: input errors go to
 * stderr, and into the body only when it is written to a file. Strings
 * from the inputs are in display form (render/quote.h). */
#include <string.h>

#include "render/quote.h"
#include "render/render.h"
#include "checks/check.h"

static void add_finding(struct strbuf *sb, const struct finding *f)
{
	if (f->file) {
		quote_line_start(sb, f->file);
		if (f->line)
			strbuf_addf(sb, ":%u:%u", f->line, f->col ? f->col : 1);
	} else if (f->target) {
		strbuf_addstr(sb, f->target->kind);
		strbuf_addch(sb, ' ');
		quote_display(sb, f->target->name);
	} else {
		strbuf_addstr(sb, "-");
	}
	strbuf_addf(sb, ": %s: ", f->suppressed ? "info" : severity_name(f->severity));
	if (f->suppressed) {
		strbuf_addstr(sb, "suppressed");
		if (f->suppress_reason) {
			strbuf_addstr(sb, " (");
			quote_display(sb, f->suppress_reason);
			strbuf_addch(sb, ')');
		}
		strbuf_addstr(sb, ": ");
	}
	quote_display(sb, f->message);
	strbuf_addf(sb, " [%s]\n", f->rule->id);
}

static void render(FILE *out, const struct report *r, const struct render_opts *o)
{
	struct strbuf sb = STRBUF_INIT;

	if (o->problems_inline)
		render_problems(out, r, false);
	for (size_t i = 0; i < r->nfindings; i++)
		if (!r->findings[i].suppressed || o->show_suppressed)
			add_finding(&sb, &r->findings[i]);
	fputs(sb.buf, out);
	strbuf_release(&sb);
}

const struct renderer render_gnu = {
	.name = "gnu", .render = render, .fingerprints = false
};
