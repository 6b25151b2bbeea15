/* --format checkstyle: Checkstyle XML, read by reviewdog, Jenkins Warnings
 * NG and most code review bots. One <file> per file with an <error> per
 * finding (source "seaworthy.SWxxxx"); inputs that could not be read or
 * parsed are errors with source "seaworthy.parse". Shown suppressed
 * findings are "info" and say so; findings without a file go under what
 * they are about: "image/NAME", "container/NAME", "host/NAME". */
#include <stdlib.h>
#include <string.h>

#include "render/quote.h"
#include "render/render.h"
#include "checks/check.h"
#include "util/die.h"

static void attr(struct strbuf *sb, const char *name, const char *val)
{
	strbuf_addf(sb, " %s=\"", name);
	quote_xml(sb, val, 1);
	strbuf_addch(sb, '"');
}

static const char *severity(enum severity s)
{
	switch (s) {
	case SEV_ERROR: return "error";
	case SEV_WARNING: return "warning";
	case SEV_INFO: return "info";
	}
	return "info";
}

/* Files sort as report_sort has them: NULL (no file) first. */
static int cmp_file(const char *a, const char *b)
{
	if (!a || !b)
		return a ? 1 : b ? -1 : 0;
	return strcmp(a, b);
}

static void add_error(struct strbuf *sb, const struct input_error *e)
{
	strbuf_addstr(sb, "    <error");
	if (e->line)
		strbuf_addf(sb, " line=\"%u\"", e->line);
	if (e->line && e->col)
		strbuf_addf(sb, " column=\"%u\"", e->col);
	strbuf_addstr(sb, " severity=\"error\"");
	attr(sb, "message", e->message);
	strbuf_addstr(sb, " source=\"seaworthy.parse\"/>\n");
}

static void add_finding(struct strbuf *sb, const struct finding *f)
{
	struct strbuf v = STRBUF_INIT;

	strbuf_addstr(sb, "    <error");
	if (f->line)	/* findings without a file may have no line either */
		strbuf_addf(sb, " line=\"%u\" column=\"%u\"", f->line, f->col);
	strbuf_addf(sb, " severity=\"%s\"", f->suppressed ? "info" : severity(f->severity));
	quote_message_fix(&v, f);
	if (f->suppressed)
		strbuf_addf(&v, " (suppressed%s%s)", f->suppress_reason ? ": " : "",
			    f->suppress_reason ? f->suppress_reason : "");
	attr(sb, "message", v.buf);
	strbuf_reset(&v);
	strbuf_addf(&v, "seaworthy.%s", f->rule->id);
	attr(sb, "source", v.buf);
	strbuf_addstr(sb, "/>\n");
	strbuf_release(&v);
}

struct by_target {
	const struct finding *f;
	char *path;
	size_t order;
};

static int cmp_target(const void *pa, const void *pb)
{
	const struct by_target *a = pa, *b = pb;
	int c = strcmp(a->path, b->path);

	return c ? c : (a->order > b->order) - (a->order < b->order);
}

static void open_file(struct strbuf *sb, const char *name, const struct strbuf *body)
{
	strbuf_addstr(sb, "  <file");
	attr(sb, "name", name);
	strbuf_addf(sb, ">\n%s  </file>\n", body->buf);
}

/* Findings without a file, f[0..n), one <file> per target, by name. */
static void targets(struct strbuf *sb, const struct finding *f, size_t n,
		    const struct render_opts *o)
{
	struct by_target *v = calloc(n ? n : 1, sizeof(*v));
	struct strbuf body = STRBUF_INIT;
	size_t k = 0;

	if (!v)
		die("out of memory");
	for (size_t i = 0; i < n; i++) {
		struct strbuf path = STRBUF_INIT;

		if (f[i].suppressed && !o->show_suppressed)
			continue;
		render_target_path(&path, &f[i]);
		v[k++] = (struct by_target){ &f[i], strbuf_detach(&path, NULL), i };
	}
	qsort(v, k, sizeof(*v), cmp_target);
	for (size_t a = 0, b; a < k; a = b) {
		strbuf_reset(&body);
		for (b = a; b < k && !strcmp(v[b].path, v[a].path); b++)
			add_finding(&body, v[b].f);
		open_file(sb, v[a].path, &body);
	}
	for (size_t i = 0; i < k; i++)
		free(v[i].path);
	free(v);
	strbuf_release(&body);
}

static void render(FILE *out, const struct report *r, const struct render_opts *o)
{
	struct strbuf sb = STRBUF_INIT, file = STRBUF_INIT;
	size_t i = 0, j = 0;

	strbuf_addstr(&sb, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<checkstyle version=\"4.3\">\n");
	/* Both lists are sorted by file: walk them together, a file at a time. */
	while (i < r->nfindings || j < r->nerrors) {
		const char *name;
		size_t i0 = i;

		if (j >= r->nerrors ||
		    (i < r->nfindings && cmp_file(r->findings[i].file, r->errors[j].file) <= 0))
			name = r->findings[i].file;
		else
			name = r->errors[j].file;
		strbuf_reset(&file);
		for (; j < r->nerrors && !cmp_file(r->errors[j].file, name); j++)
			add_error(&file, &r->errors[j]);
		if (!name) {
			while (i < r->nfindings && !r->findings[i].file)
				i++;
			if (file.len)
				open_file(&sb, ".", &file);
			/* No pointer arithmetic on an empty (NULL) list: UB. */
			if (i > i0)
				targets(&sb, r->findings + i0, i - i0, o);
			continue;
		}
		for (; i < r->nfindings && !cmp_file(r->findings[i].file, name); i++)
			if (!r->findings[i].suppressed || o->show_suppressed)
				add_finding(&file, &r->findings[i]);
		if (file.len)
			open_file(&sb, name, &file);
	}
	strbuf_addstr(&sb, "</checkstyle>\n");
	fputs(sb.buf, out);
	strbuf_release(&file);
	strbuf_release(&sb);
}

const struct renderer render_checkstyle = {
	.name = "checkstyle", .render = render, .fingerprints = false
};
