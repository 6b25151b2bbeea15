#include "render/render.h"

#include <jansson.h>
#include <string.h>

#include "util/strbuf.h"

#include "checks/check.h"

extern const struct renderer render_text, render_json, render_sarif, render_junit, render_github,
	render_gitlab, render_checkstyle;

static const struct renderer *const renderers[] = {
	&render_text, &render_json, &render_sarif, &render_junit, &render_github, &render_gitlab,
	&render_checkstyle,
};

const char renderer_names[] = "text, json, sarif, junit, github, gitlab, checkstyle";

const struct renderer *renderer_find(const char *name)
{
	for (size_t i = 0; i < sizeof(renderers) / sizeof(renderers[0]); i++)
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
	return (r->layers & checklist[p - 1].layers) ? POINT_PASS : POINT_UNCHECKED;
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
