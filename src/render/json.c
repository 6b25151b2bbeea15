/* The machine contract (--format json). Its shape only ever grows. Strings
 * from the inputs are written in display form (render/quote.h). */
#include <stdbool.h>
#include <stdint.h>
#include <string.h>

#include "render/quote.h"
#include "render/render.h"
#include "checks/check.h"
#include "util/strbuf.h"

/* Written directly rather than built as a jansson tree and dumped: over a
 * large run that was a sixth of all the work. The bytes are what jansson
 * writes with JSON_INDENT(2) (tests/golden keeps them), and strings are
 * escaped the same way (quote_json_str). */

static void nl(struct strbuf *sb, int level)
{
	static const char spaces[] = "\n          ";	/* levels 0 to 5 */

	strbuf_add(sb, spaces, 1 + 2 * (size_t)level);
}

/* ",\n    \"k\": " or, first in its object, "\n    \"k\": ". The keys are
 * the renderer's own names, which need no escapes. */
static void key(struct strbuf *sb, int level, bool *first, const char *k)
{
	if (!*first)
		strbuf_addch(sb, ',');
	*first = false;
	nl(sb, level);
	strbuf_addch(sb, '"');
	strbuf_addstr(sb, k);
	strbuf_add(sb, "\": ", 3);
}

static void str(struct strbuf *sb, const char *s)
{
	if (s)
		quote_json_str(sb, s);
	else
		strbuf_addstr(sb, "null");
}

static void num(struct strbuf *sb, unsigned long long v)
{
	char buf[24], *p = buf + sizeof(buf);

	do {
		*--p = (char)('0' + v % 10);
		v /= 10;
	} while (v);
	strbuf_add(sb, p, (size_t)(buf + sizeof(buf) - p));
}

static void kv_str(struct strbuf *sb, int level, bool *first, const char *k, const char *v)
{
	key(sb, level, first, k);
	str(sb, v);
}

static void kv_num(struct strbuf *sb, int level, bool *first, const char *k, unsigned long long v)
{
	key(sb, level, first, k);
	num(sb, v);
}

/* Most findings carry their rule's own fix text, the same string each
 * time: quoted once per render, then copied. */
struct fix_memo {
	struct { const char *s; size_t at, n; } slot[64];
	struct strbuf quoted;
};

static void fix(struct strbuf *sb, struct fix_memo *m, const char *s)
{
	size_t h = ((size_t)(uintptr_t)s >> 4) & 63, at = sb->len;

	if (!s) {
		str(sb, s);
		return;
	}
	if (m->slot[h].s == s) {
		strbuf_add(sb, m->quoted.buf + m->slot[h].at, m->slot[h].n);
		return;
	}
	quote_json_str(sb, s);
	m->slot[h].s = s;
	m->slot[h].at = m->quoted.len;
	m->slot[h].n = sb->len - at;
	strbuf_add(&m->quoted, sb->buf + at, sb->len - at);
}

static void finding(struct strbuf *sb, struct fix_memo *m, const struct finding *f)
{
	bool first = true;

	strbuf_addch(sb, '{');
	kv_str(sb, 3, &first, "rule", f->rule->id);
	key(sb, 3, &first, "checklist");
	if (f->rule->checklist)
		num(sb, (unsigned long long)f->rule->checklist);
	else
		strbuf_addstr(sb, "null");
	kv_str(sb, 3, &first, "severity", severity_name(f->severity));
	kv_str(sb, 3, &first, "file", f->file);
	kv_num(sb, 3, &first, "line", f->line);
	kv_num(sb, 3, &first, "column", f->col);
	kv_num(sb, 3, &first, "end_line", f->end_line);
	kv_num(sb, 3, &first, "end_column", f->end_col);
	kv_str(sb, 3, &first, "message", f->message);
	if (f->via)
		kv_str(sb, 3, &first, "via", f->via);
	key(sb, 3, &first, "fix");
	fix(sb, m, f->fix);
	if (f->target) {
		const struct finding_target *t = f->target;
		bool tfirst = true;

		key(sb, 3, &first, "target");
		strbuf_addch(sb, '{');
		kv_str(sb, 4, &tfirst, "kind", t->kind);
		kv_str(sb, 4, &tfirst, "name", t->name);
		if (t->k2)
			kv_str(sb, 4, &tfirst, t->k2, t->v2);
		if (t->k3)
			kv_str(sb, 4, &tfirst, t->k3, t->v3);
		nl(sb, 3);
		strbuf_addch(sb, '}');
	}
	/* Only asked-for additions: the default shape stays exactly as documented. */
	if (f->suppressed) {
		key(sb, 3, &first, "suppressed");
		strbuf_addstr(sb, "true");
		kv_str(sb, 3, &first, "suppression_reason", f->suppress_reason);
	}
	nl(sb, 2);
	strbuf_addch(sb, '}');
}

/* What was read, as what, and what was held back (seaworthy check). */
static void inputs(struct strbuf *sb, bool *first, const struct report *r)
{
	const struct report_summary *m = &r->summary;
	bool sfirst = true;

	key(sb, 1, first, "inputs");
	strbuf_addch(sb, '[');
	for (size_t i = 0; i < r->ninputs; i++) {
		const struct input_record *in = &r->inputs[i];
		bool ifirst = true;

		if (i)
			strbuf_addch(sb, ',');
		nl(sb, 2);
		strbuf_addch(sb, '{');
		kv_str(sb, 3, &ifirst, "path", in->path);
		kv_str(sb, 3, &ifirst, "kind", in->kind);
		kv_str(sb, 3, &ifirst, "purpose", purpose_name(in->purpose));
		if (in->purpose_why)
			kv_str(sb, 3, &ifirst, "purpose_reason", in->purpose_why);
		if (in->part_of)
			kv_str(sb, 3, &ifirst, "part_of", in->part_of);
		key(sb, 3, &ifirst, "checked");
		strbuf_addstr(sb, in->skipped ? "false" : "true");
		if (in->skipped)
			kv_str(sb, 3, &ifirst, "skipped", in->skipped);
		nl(sb, 2);
		strbuf_addch(sb, '}');
	}
	if (r->ninputs)
		nl(sb, 1);
	strbuf_addch(sb, ']');
	key(sb, 1, first, "summary");
	strbuf_addch(sb, '{');
	kv_num(sb, 2, &sfirst, "dockerfiles", m->dockerfiles);
	kv_num(sb, 2, &sfirst, "shipped_stages", m->shipped_stages);
	kv_num(sb, 2, &sfirst, "compose_projects", m->projects);
	kv_num(sb, 2, &sfirst, "scripts", m->scripts);
	kv_num(sb, 2, &sfirst, "held_back", m->held);
	kv_num(sb, 2, &sfirst, "held_back_files", m->held_files);
	nl(sb, 1);
	strbuf_addch(sb, '}');
}

/* Writes out what sb holds once it is large: the report of a big tree is
 * megabytes, and a buffer that keeps doubling costs page faults. */
static void flush_some(struct strbuf *sb, FILE *out)
{
	if (sb->len < 65536)
		return;
	fwrite(sb->buf, 1, sb->len, out);
	strbuf_reset(sb);
}

static void render(FILE *out, const struct report *r, const struct render_opts *o)
{
	struct strbuf sb = STRBUF_INIT;
	struct fix_memo memo = { .quoted = STRBUF_INIT };
	struct strbuf why = STRBUF_INIT;
	bool first = true, any = false;

	strbuf_grow(&sb, 4096 + r->nfindings * 512);
	strbuf_addch(&sb, '{');
	key(&sb, 1, &first, "tool");
	strbuf_addch(&sb, '{');
	{
		bool tfirst = true;

		kv_str(&sb, 2, &tfirst, "name", "seaworthy");
		kv_str(&sb, 2, &tfirst, "version", SW_VERSION);
	}
	nl(&sb, 1);
	strbuf_addch(&sb, '}');
	key(&sb, 1, &first, "findings");
	strbuf_addch(&sb, '[');
	for (size_t i = 0; i < r->nfindings; i++) {
		const struct finding *f = &r->findings[i];

		if (f->suppressed && !o->show_suppressed)
			continue;
		if (any)
			strbuf_addch(&sb, ',');
		any = true;
		nl(&sb, 2);
		finding(&sb, &memo, f);
		flush_some(&sb, out);
	}
	if (any)
		nl(&sb, 1);
	strbuf_addch(&sb, ']');
	key(&sb, 1, &first, "errors");
	strbuf_addch(&sb, '[');
	for (size_t i = 0; i < r->nerrors; i++) {
		const struct input_error *e = &r->errors[i];
		bool efirst = true;

		if (i)
			strbuf_addch(&sb, ',');
		nl(&sb, 2);
		strbuf_addch(&sb, '{');
		kv_str(&sb, 3, &efirst, "file", e->file);
		key(&sb, 3, &efirst, "line");
		if (e->line)
			num(&sb, e->line);
		else
			strbuf_addstr(&sb, "null");
		if (e->col) {
			key(&sb, 3, &efirst, "column");
			num(&sb, e->col);
		}
		kv_str(&sb, 3, &efirst, "message", e->message);
		nl(&sb, 2);
		strbuf_addch(&sb, '}');
	}
	if (r->nerrors)
		nl(&sb, 1);
	strbuf_addch(&sb, ']');
	/* Only when there are some: the usual shape stays as documented. */
	if (r->nnotes) {
		key(&sb, 1, &first, "notes");
		strbuf_addch(&sb, '[');
		for (size_t i = 0; i < r->nnotes; i++) {
			bool nfirst = true;

			if (i)
				strbuf_addch(&sb, ',');
			nl(&sb, 2);
			strbuf_addch(&sb, '{');
			kv_str(&sb, 3, &nfirst, "file", r->notes[i].file);
			kv_str(&sb, 3, &nfirst, "message", r->notes[i].message);
			nl(&sb, 2);
			strbuf_addch(&sb, '}');
		}
		nl(&sb, 1);
		strbuf_addch(&sb, ']');
	}
	flush_some(&sb, out);
	if (r->ninputs || render_has_summary(r))
		inputs(&sb, &first, r);
	key(&sb, 1, &first, "checklist");
	strbuf_addch(&sb, '[');
	for (int p = 1; p <= 10; p++) {
		size_t n;
		enum point_status st = checklist_status(r, p, &n);
		bool pfirst = true;

		if (p > 1)
			strbuf_addch(&sb, ',');
		nl(&sb, 2);
		strbuf_addch(&sb, '{');
		kv_num(&sb, 3, &pfirst, "point", (unsigned long long)p);
		kv_str(&sb, 3, &pfirst, "title", checklist[p - 1].title);
		kv_str(&sb, 3, &pfirst, "status", point_status_name(st));
		kv_num(&sb, 3, &pfirst, "findings", n);
		/* Only for points not checked: the usual shape stays as documented. */
		if (st == POINT_UNCHECKED)
			kv_str(&sb, 3, &pfirst, "reason", checklist_reason(r, p, &why));
		nl(&sb, 2);
		strbuf_addch(&sb, '}');
	}
	nl(&sb, 1);
	strbuf_addch(&sb, ']');
	if (o->baseline)
		kv_num(&sb, 1, &first, "baseline_known", o->baseline_known);
	nl(&sb, 0);
	strbuf_addstr(&sb, "}\n");
	fwrite(sb.buf, 1, sb.len, out);
	strbuf_release(&sb);
	strbuf_release(&why);
	strbuf_release(&memo.quoted);
}

const struct renderer render_json = {
	.name = "json", .render = render, .fingerprints = false
};
