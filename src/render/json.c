/* The machine contract (--format json). Its shape only ever grows. */
#include <jansson.h>
#include <string.h>

#include "render/render.h"
#include "rules/rule.h"
#include "util/strbuf.h"

/* jansson wants valid UTF-8: replace bad bytes with U+FFFD. */
static json_t *jstr(const char *s)
{
	json_t *j;
	struct strbuf sb = STRBUF_INIT;

	if (!s)
		return json_null();
	j = json_string(s);
	if (j)
		return j;
	for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
		if (*p < 0x80) {
			strbuf_addch(&sb, *p);
			continue;
		}
		size_t w = (*p >= 0xc2 && *p <= 0xdf) ? 2 : (*p >= 0xe0 && *p <= 0xef) ? 3 :
			   (*p >= 0xf0 && *p <= 0xf4) ? 4 : 0;
		size_t k = 1;

		while (w && k < w && (p[k] & 0xc0) == 0x80)
			k++;
		if (w && k == w) {
			json_t *t;
			char tmp[5] = { 0 };

			memcpy(tmp, p, w);
			t = json_string(tmp);
			if (t) {
				json_decref(t);
				strbuf_add(&sb, p, w);
				p += w - 1;
				continue;
			}
		}
		strbuf_addstr(&sb, "\xef\xbf\xbd");
	}
	j = json_string(sb.buf);
	strbuf_release(&sb);
	return j ? j : json_string("");
}

static void render(FILE *out, const struct report *r, const struct render_opts *o)
{
	json_t *root = json_object(), *tool = json_object(), *fs = json_array(),
	       *es = json_array(), *cl = json_array();

	json_object_set_new(tool, "name", json_string("seaworthy"));
	json_object_set_new(tool, "version", json_string(SW_VERSION));
	json_object_set_new(root, "tool", tool);
	for (size_t i = 0; i < r->nfindings; i++) {
		const struct finding *f = &r->findings[i];
		json_t *j;

		if (f->suppressed && !o->show_suppressed)
			continue;
		j = json_object();
		json_object_set_new(j, "rule", json_string(f->rule->id));
		json_object_set_new(j, "checklist",
				    f->rule->checklist ? json_integer(f->rule->checklist) : json_null());
		json_object_set_new(j, "severity", json_string(severity_name(f->severity)));
		json_object_set_new(j, "file", jstr(f->file));
		json_object_set_new(j, "line", json_integer(f->line));
		json_object_set_new(j, "column", json_integer(f->col));
		json_object_set_new(j, "end_line", json_integer(f->end_line));
		json_object_set_new(j, "end_column", json_integer(f->end_col));
		json_object_set_new(j, "message", jstr(f->message));
		json_object_set_new(j, "fix", jstr(f->fix));
		if (f->target) {
			const struct finding_target *t = f->target;
			json_t *tj = json_object();

			json_object_set_new(tj, "kind", jstr(t->kind));
			json_object_set_new(tj, "name", jstr(t->name));
			if (t->k2)
				json_object_set_new(tj, t->k2, jstr(t->v2));
			if (t->k3)
				json_object_set_new(tj, t->k3, jstr(t->v3));
			json_object_set_new(j, "target", tj);
		}
		/* Only asked-for additions: the default shape stays exactly as documented. */
		if (f->suppressed) {
			json_object_set_new(j, "suppressed", json_true());
			json_object_set_new(j, "suppression_reason", jstr(f->suppress_reason));
		}
		json_array_append_new(fs, j);
	}
	json_object_set_new(root, "findings", fs);
	for (size_t i = 0; i < r->nerrors; i++) {
		const struct input_error *e = &r->errors[i];
		json_t *j = json_object();

		json_object_set_new(j, "file", jstr(e->file));
		json_object_set_new(j, "line", e->line ? json_integer(e->line) : json_null());
		json_object_set_new(j, "message", jstr(e->message));
		json_array_append_new(es, j);
	}
	json_object_set_new(root, "errors", es);
	for (int p = 1; p <= 10; p++) {
		json_t *j = json_object();
		size_t n;
		enum point_status s = checklist_status(r, p, &n);

		json_object_set_new(j, "point", json_integer(p));
		json_object_set_new(j, "title", json_string(checklist[p - 1].title));
		json_object_set_new(j, "status", json_string(point_status_name(s)));
		json_object_set_new(j, "findings", json_integer((json_int_t)n));
		json_array_append_new(cl, j);
	}
	json_object_set_new(root, "checklist", cl);
	if (o->baseline)
		json_object_set_new(root, "baseline_known", json_integer((json_int_t)o->baseline_known));
	render_json_value(out, root);
	json_decref(root);
}

const struct renderer render_json = { "json", render };
