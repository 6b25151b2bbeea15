/* --format github: GitHub Actions workflow commands, one line each, which
 * the runner turns into annotations on the pull request:
 *   ::error file=F,line=L,col=C,endLine=EL,endColumn=EC,title=ID: title::message (fix: ...)
 * Escaping is the Actions toolkit's (@actions/core command.ts), or a value
 * could end the command early or inject one; other control characters
 * become U+FFFD, so an input can't color or rewrite the log. Shown
 * suppressed findings are notices marked as suppressed. */
#include <string.h>

#include "render/quote.h"
#include "render/render.h"
#include "checks/check.h"

/* toolkit escapeData: % CR LF; escapeProperty also : and , */
static void escape(struct strbuf *sb, const char *s, int property)
{
	struct strbuf u = STRBUF_INIT;

	quote_utf8(&u, s ? s : "");
	for (const char *p = u.buf; *p; p++) {
		switch (*p) {
		case '%': strbuf_addstr(sb, "%25"); break;
		case '\r': strbuf_addstr(sb, "%0D"); break;
		case '\n': strbuf_addstr(sb, "%0A"); break;
		case ':': strbuf_addstr(sb, property ? "%3A" : ":"); break;
		case ',': strbuf_addstr(sb, property ? "%2C" : ","); break;
		default:
			/* Other controls (ESC starts terminal sequences) are not text. */
			if (((unsigned char)*p < 0x20 && *p != '\t') || *p == 0x7f)
				strbuf_addstr(sb, "\xef\xbf\xbd");
			else
				strbuf_addch(sb, *p);
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
	}
	strbuf_addstr(sb, "::");
	escape(sb, e->message, 0);
	strbuf_addch(sb, '\n');
}

static void render(FILE *out, const struct report *r, const struct render_opts *o)
{
	struct strbuf sb = STRBUF_INIT;

	for (size_t i = 0; i < r->nerrors; i++)
		add_error(&sb, &r->errors[i]);
	for (size_t i = 0; i < r->nfindings; i++)
		if (!r->findings[i].suppressed || o->show_suppressed)
			add_finding(&sb, &r->findings[i]);
	fputs(sb.buf, out);
	strbuf_release(&sb);
}

const struct renderer render_github = { "github", render };
