/* The default, human format: one line per finding and its fix, errors,
 * then the checklist. Strings from the inputs are printed in display form
 * (render/quote.h), and a file name that would start a line with anything
 * a CI runner could read as a command (":", white space) gets "./" first. */
#include <stdlib.h>
#include <string.h>

#include "render/quote.h"
#include "render/render.h"
#include "checks/check.h"

#define C(o, code) ((o)->color ? "\033[" code "m" : "")

static const char *sev_color(const struct render_opts *o, enum severity s)
{
	if (!o->color)
		return "";
	switch (s) {
	case SEV_ERROR: return "\033[1;31m";
	case SEV_WARNING: return "\033[1;33m";
	case SEV_INFO: return "\033[1;36m";
	}
	return "";
}

/* s in display form, into one of two scratch buffers (a line needs two). */
static const char *shown(struct strbuf *sb, const char *s)
{
	if (quote_is_display(s))
		return s;
	strbuf_reset(sb);
	quote_display(sb, s);
	return sb->buf;
}

/* A name that starts a line: "./" first unless it starts with a letter, a
 * digit or one of "./_-<", so no input begins a line with a command. */
static const char *line_start(struct strbuf *sb, const char *s)
{
	char c = s[0];

	if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
	    (c && strchr("./_-<", c)))
		return shown(sb, s);
	strbuf_reset(sb);
	strbuf_addstr(sb, "./");
	quote_display(sb, s);
	return sb->buf;
}

/* Errors, then notes, as lines (shared with what goes to stderr). */
static void problems(FILE *out, const struct report *r, bool color, struct strbuf *b1,
		     struct strbuf *b2)
{
	const struct render_opts co = { .color = color }, *o = &co;

	for (size_t i = 0; i < r->nerrors; i++) {
		const struct input_error *e = &r->errors[i];
		const char *file = line_start(b1, e->file ? e->file : "-");

		if (e->line && e->col)
			fprintf(out, "%s%s:%u:%u:%s %serror:%s %s\n", C(o, "1"), file, e->line,
				e->col, C(o, "0"), sev_color(o, SEV_ERROR), C(o, "0"),
				shown(b2, e->message));
		else if (e->line)
			fprintf(out, "%s%s:%u:%s %serror:%s %s\n", C(o, "1"), file, e->line,
				C(o, "0"), sev_color(o, SEV_ERROR), C(o, "0"), shown(b2, e->message));
		else
			fprintf(out, "%s%s:%s %serror:%s %s\n", C(o, "1"), file, C(o, "0"),
				sev_color(o, SEV_ERROR), C(o, "0"), shown(b2, e->message));
	}
	for (size_t i = 0; i < r->nnotes; i++) {
		const struct report_note *n = &r->notes[i];

		if (n->file)
			fprintf(out, "%s%s:%s note: %s\n", C(o, "1"), line_start(b1, n->file),
				C(o, "0"), shown(b2, n->message));
		else
			fprintf(out, "note: %s\n", shown(b2, n->message));
	}
}

void render_problems(FILE *out, const struct report *r, bool color)
{
	struct strbuf b1 = STRBUF_INIT, b2 = STRBUF_INIT;
	char *buf = NULL;
	size_t len = 0;
	/* Through memory, then one write: stderr is unbuffered, and a write
	 * per line is hundreds of system calls over a large tree. */
	FILE *mem = open_memstream(&buf, &len);

	if (mem)
		problems(mem, r, color, &b1, &b2);
	if (mem && !fclose(mem))
		fwrite(buf, 1, len, out);
	else	/* no memory for it: line by line */
		problems(out, r, color, &b1, &b2);
	free(buf);
	strbuf_release(&b1);
	strbuf_release(&b2);
}

static void render(FILE *out, const struct report *r, const struct render_opts *o)
{
	size_t nsev[3] = { 0 }, nshown = 0, nsuppressed = 0;
	struct strbuf b1 = STRBUF_INIT, b2 = STRBUF_INIT;
	bool inline_problems = o->problems_inline && (r->nerrors || r->nnotes);

	if (inline_problems)
		problems(out, r, o->color, &b1, &b2);
	for (size_t i = 0; i < r->nfindings; i++) {
		const struct finding *f = &r->findings[i];

		if (f->suppressed) {
			nsuppressed++;
			if (!o->show_suppressed)
				continue;
		} else {
			nsev[f->severity]++;
			nshown++;
		}
		if (!f->file && f->target)	/* "image NAME:" for findings on an image */
			fprintf(out, "%s%s %s:%s ", C(o, "1"), f->target->kind,
				shown(&b1, f->target->name), C(o, "0"));
		else
			fprintf(out, "%s%s:%u:%u:%s ", C(o, "1"), line_start(&b1, f->file ? f->file : "-"),
				f->line, f->col, C(o, "0"));
		fprintf(out, "%s%s[%s]%s %s", sev_color(o, f->severity),
			severity_name(f->severity), f->rule->id, C(o, "0"), shown(&b2, f->message));
		if (f->rule->checklist)
			fprintf(out, " (checklist %d)", f->rule->checklist);
		fputc('\n', out);
		if (f->via)
			fprintf(out, "    %svia:%s %s\n", C(o, "2"), C(o, "0"), shown(&b1, f->via));
		if (f->fix)
			fprintf(out, "    %sfix:%s %s\n", C(o, "2"), C(o, "0"), shown(&b1, f->fix));
		if (f->suppressed)
			fprintf(out, "    %ssuppressed:%s %s\n", C(o, "2"), C(o, "0"),
				f->suppress_reason ? shown(&b1, f->suppress_reason) : "(no reason given)");
	}
	if (o->quiet) {
		strbuf_release(&b1);
		strbuf_release(&b2);
		return;
	}
	if (nshown || inline_problems || (nsuppressed && o->show_suppressed))
		fputc('\n', out);
	fprintf(out, "%sChecklist%s\n", C(o, "1"), C(o, "0"));
	for (int p = 1; p <= 10; p++) {
		size_t n;
		enum point_status s = checklist_status(r, p, &n);

		fprintf(out, "  %2d. %-27s ", p, checklist[p - 1].title);
		switch (s) {
		case POINT_PASS:
			fprintf(out, "%spassed%s\n", C(o, "32"), C(o, "0"));
			break;
		case POINT_FAIL:
			fprintf(out, "%sfailed%s (%zu finding%s)\n", C(o, "31"), C(o, "0"), n,
				n == 1 ? "" : "s");
			break;
		case POINT_UNCHECKED:
			fprintf(out, "%snot checked%s: %s\n", C(o, "2"), C(o, "0"),
				shown(&b2, checklist_reason(r, p, &b1)));
			break;
		}
	}
	strbuf_release(&b1);
	strbuf_release(&b2);
	fprintf(out, "\n%zu finding%s: %zu error%s, %zu warning%s, %zu info", nshown,
		nshown == 1 ? "" : "s", nsev[SEV_ERROR], nsev[SEV_ERROR] == 1 ? "" : "s",
		nsev[SEV_WARNING], nsev[SEV_WARNING] == 1 ? "" : "s", nsev[SEV_INFO]);
	if (nsuppressed)
		fprintf(out, "; %zu suppressed", nsuppressed);
	if (o->baseline)
		fprintf(out, "; %zu known from the baseline", o->baseline_known);
	if (r->nerrors)
		fprintf(out, "; %zu input error%s", r->nerrors, r->nerrors == 1 ? "" : "s");
	fputc('\n', out);
	if (render_has_summary(r))
		fprintf(out, "%s\n", render_summary_line(r));
}

const struct renderer render_text = {
	.name = "text", .render = render, .fingerprints = false
};
