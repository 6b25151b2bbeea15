/* Reporting for the runtime checks. */
#include "checks/runtime/runtime.h"

#include <stdarg.h>
#include <stdio.h>

#include "util/strbuf.h"

struct finding *sp_report_as(struct rule_ctx *c, const struct spec *s, const struct sp_at *at,
			     unsigned what, const char *fmt, ...)
{
	bool subject = what & SP_SUBJECT;
	va_list ap;
	struct strbuf sb = STRBUF_INIT;
	struct finding *f;
	char msg[2048];

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	if (subject && s->kind == SPEC_SERVICE)
		strbuf_addf(&sb, "service %s ", s->name);
	else if (subject && s->kind == SPEC_CONTAINER && s->project && s->service)
		strbuf_addf(&sb, "container %s (service %s of compose project %s) ", s->name,
			    s->service, s->project);
	else if (subject && s->kind == SPEC_CONTAINER)
		strbuf_addf(&sb, "container %s ", s->name);
	strbuf_addstr(&sb, msg);
	if (s->kind != SPEC_SERVICE) {
		f = report_add_str(c->report, c->rule, NULL, 0, 0, 0, 0, sb.buf, sb.len);
		f->purpose = s->purpose;
		strbuf_release(&sb);
		return f;
	}
	if (what & SP_NOTE)
		strbuf_addstr(&sb, s->note);
	/* A value with no position (made up by the loader) is reported at its
	 * service's key. */
	if (!at || !at->line)
		at = &s->at;
	f = report_add_str(c->report, c->rule, at->file ? arena_strdup(c->a, at->file) : NULL,
			   at->line, at->col, at->line, at->col, sb.buf, sb.len);
	if (at->via_file && at->via_line)
		f->via = arena_printf(c->a, "%s:%u", at->via_file, at->via_line);
	f->purpose = s->purpose;
	strbuf_release(&sb);
	return f;
}

const char *sp_names(struct arena *a, const struct spec *const *v, size_t n)
{
	struct strbuf sb = STRBUF_INIT;
	size_t shown = n > 5 ? 4 : n;
	const char *ret;

	strbuf_addstr(&sb, n == 1 ? "service " : "services ");
	for (size_t k = 0; k < shown; k++) {
		if (k)
			strbuf_addstr(&sb, k + 1 == shown && shown == n ? " and " : ", ");
		strbuf_addf(&sb, "%s%s", v[k]->name, v[k]->note);
	}
	if (shown < n)
		strbuf_addf(&sb, " and %zu more", n - shown);
	ret = arena_strdup(a, sb.buf);
	strbuf_release(&sb);
	return ret;
}
