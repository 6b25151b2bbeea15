/* --format github: GitHub Actions workflow commands, one line each, which
 * the runner turns into annotations on the pull request:
 *   ::error file=F,line=L,col=C,endLine=EL,endColumn=EC,title=ID: title::message (fix: ...)
 * Strings from the inputs are in display form (render/quote.h: no line
 * break, no control, no bidi override, no "##["), then escaped as the
 * Actions toolkit does (@actions/core command.ts), so a value can neither
 * end the command early, start another, nor color or rewrite the log.
 * Shown suppressed findings are notices marked as suppressed; notes are
 * notices. */
#include <string.h>

#include "render/quote.h"
#include "render/render.h"
#include "checks/check.h"

/* toolkit escapeData: % CR LF; escapeProperty also : and , -- of the
 * display form (render/quote.h), which has no CR, LF or other control. */
static void escape(struct strbuf *sb, const char *s, int property)
{
	struct strbuf u = STRBUF_INIT;

	quote_display(&u, s ? s : "");
	for (const char *p = u.buf; *p; p++) {
		switch (*p) {
		case '%': strbuf_addstr(sb, "%25"); break;
		case ':': strbuf_addstr(sb, property ? "%3A" : ":"); break;
		case ',': strbuf_addstr(sb, property ? "%2C" : ","); break;
		default: strbuf_addch(sb, *p);
		}
	}
	strbuf_release(&u);
}

static const char *command(enum severity s)
{
	switch (s) {
	case SEV_ERROR: return "error";
	case SEV_WARNING: return "warning";
	case SEV_INFO: return "notice";
	}
	return "notice";
}

static void add_finding(struct strbuf *sb, const struct finding *f)
{
	struct strbuf v = STRBUF_INIT;

	strbuf_addf(sb, "::%s ", f->suppressed ? "notice" : command(f->severity));
	if (f->file) {
		strbuf_addstr(sb, "file=");
		escape(sb, f->file, 1);
		if (f->line)
			strbuf_addf(sb, ",line=%u,col=%u,endLine=%u,endColumn=%u", f->line,
				    f->col, f->end_line, f->end_col);
		strbuf_addch(sb, ',');
	}
	strbuf_addf(&v, "%s: %s", f->rule->id, f->rule->title);
	strbuf_addstr(sb, "title=");
	escape(sb, v.buf, 1);
	strbuf_addstr(sb, "::");
	strbuf_reset(&v);
	if (f->suppressed)
		strbuf_addf(&v, "[suppressed%s%s] ", f->suppress_reason ? ": " : "",
			    f->suppress_reason ? f->suppress_reason : "");
	strbuf_addstr(&v, f->message);
	if (f->via)
		strbuf_addf(&v, " (via %s)", f->via);
	if (f->fix)
		strbuf_addf(&v, " (fix: %s)", f->fix);
	escape(sb, v.buf, 0);
	strbuf_addch(sb, '\n');
	strbuf_release(&v);
}

static void add_error(struct strbuf *sb, const struct input_error *e)
{
	strbuf_addstr(sb, "::error");
	if (e->file) {
		strbuf_addstr(sb, " file=");
		escape(sb, e->file, 1);
		if (e->line)
			strbuf_addf(sb, ",line=%u", e->line);
		if (e->line && e->col)
			strbuf_addf(sb, ",col=%u", e->col);
	}
	strbuf_addstr(sb, "::");
	escape(sb, e->message, 0);
	strbuf_addch(sb, '\n');
}

static void add_note(struct strbuf *sb, const struct report_note *n)
{
	strbuf_addstr(sb, "::notice");
	if (n->file) {
		strbuf_addstr(sb, " file=");
		escape(sb, n->file, 1);
	}
	strbuf_addstr(sb, "::");
	escape(sb, n->message, 0);
	strbuf_addch(sb, '\n');
}

static void render(FILE *out, const struct report *r, const struct render_opts *o)
{
	struct strbuf sb = STRBUF_INIT;

	for (size_t i = 0; i < r->nerrors; i++)
		add_error(&sb, &r->errors[i]);
	for (size_t i = 0; i < r->nnotes; i++)
		add_note(&sb, &r->notes[i]);
	for (size_t i = 0; i < r->nfindings; i++)
		if (!r->findings[i].suppressed || o->show_suppressed)
			add_finding(&sb, &r->findings[i]);
	fputs(sb.buf, out);
	strbuf_release(&sb);
}

const struct renderer render_github = {
	.name = "github", .render = render, .fingerprints = false
};
