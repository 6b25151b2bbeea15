#include "render/render.h"

#include <jansson.h>
#include <string.h>

#include "util/strbuf.h"

#include "checks/check.h"

extern const struct renderer render_text, render_json, render_sarif, render_junit, render_github,
	render_gitlab, render_checkstyle, render_gnu;

const struct renderer *const renderers[] = {
	&render_text, &render_json, &render_sarif, &render_junit, &render_github, &render_gitlab,
	&render_checkstyle, &render_gnu,
};
const size_t renderer_count = sizeof(renderers) / sizeof(renderers[0]);

const char renderer_names[] = "text, json, sarif, junit, github, gitlab, checkstyle, gnu";

const struct renderer *renderer_find(const char *name)
{
	for (size_t i = 0; i < renderer_count; i++)
		if (!strcmp(renderers[i]->name, name))
			return renderers[i];
	return NULL;
}

enum point_status checklist_status(const struct report *r, int p, size_t *count)
{
	size_t n = 0;

	for (size_t i = 0; i < r->nfindings; i++)
		if (r->findings[i].rule->checklist == p && !r->findings[i].suppressed)
			n++;
	*count = n;
	if (n)
		return POINT_FAIL;
	if (r->deselected & (1u << p))
		return POINT_UNCHECKED;
	return (r->layers & checklist[p - 1].layers) ? POINT_PASS : POINT_UNCHECKED;
}

const char *checklist_reason(const struct report *r, int p, struct strbuf *sb)
{
	unsigned layers = checklist[p - 1].layers;
	size_t n = 0;

	strbuf_reset(sb);
	/* Left out by the options only matters when an input could show it. */
	if ((r->deselected & (1u << p)) && (r->layers & layers)) {
		strbuf_addstr(sb, "its rules were left out (--select, --ignore or the config's ignore)");
		return sb->buf;
	}
	for (size_t i = 0; i < r->nunread; i++) {
		if (!(r->unread[i].layers & layers))
			continue;
		/* The same reason once, however many inputs gave it. */
		for (size_t k = 0; k < i; k++)
			if ((r->unread[k].layers & layers) && !strcmp(r->unread[k].why, r->unread[i].why))
				goto next;
		strbuf_addstr(sb, n++ ? "; " : "");
		strbuf_addstr(sb, r->unread[i].why);
next:;
	}
	if (n)
		return sb->buf;
	strbuf_addf(sb, "needs %s", checklist[p - 1].layer_hint);
	if (r->nerrors && !r->layers && !r->nunread)
		strbuf_addstr(sb, ", and no input could be read");
	return sb->buf;
}

void render_target_path(struct strbuf *sb, const struct finding *f)
{
	if (f->target && f->target->kind && f->target->name)
		strbuf_addf(sb, "%s/%s", f->target->kind, f->target->name);
	else
		strbuf_addstr(sb, f->rule->layer ? f->rule->layer : "seaworthy");
}

const char *point_status_name(enum point_status s)
{
	switch (s) {
	case POINT_PASS: return "pass";
	case POINT_FAIL: return "fail";
	case POINT_UNCHECKED: return "unchecked";
	}
	return "?";
}

static int to_strbuf(const char *buf, size_t size, void *data)
{
	strbuf_add(data, buf, size);
	return 0;
}

void render_json_value(FILE *out, const json_t *v)
{
	struct strbuf sb = STRBUF_INIT;

	json_dump_callback(v, to_strbuf, &sb, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
	strbuf_addch(&sb, '\n');
	fwrite(sb.buf, 1, sb.len, out);
	strbuf_release(&sb);
}
