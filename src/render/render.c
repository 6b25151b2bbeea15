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
	for (size_t i = 0; i < r->nunread; i++)
		if (r->unread[i].some && (r->unread[i].layers & checklist[p - 1].layers))
			return POINT_UNCHECKED;	/* an input it needs was not read */
	return (r->layers & checklist[p - 1].layers) ? POINT_PASS : POINT_UNCHECKED;
}

const char *checklist_reason(const struct report *r, int p, struct strbuf *sb)
{
	unsigned layers = checklist[p - 1].layers;
	size_t n = 0;
	bool some = false;

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
		some |= r->unread[i].some;
next:;
	}
	if (n && some)
		strbuf_addstr(sb, " (see the input errors; the other inputs pass)");
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

bool render_has_summary(const struct report *r)
{
	const struct report_summary *m = &r->summary;

	return r->ninputs || m->dockerfiles || m->projects || m->scripts || m->held;
}

static const char *count(struct arena *a, size_t n, const char *one, const char *many)
{
	return arena_printf(a, "%zu %s", n, n == 1 ? one : many);
}

const char *render_summary_line(const struct report *r)
{
	static const char *const short_names[PURPOSE_N] = {
		"production", "dev", "test", "CI", "example",
	};
	const struct report_summary *m = &r->summary;
	struct arena *a = r->a;
	const char *s = arena_printf(a, "checked %s", count(a, m->dockerfiles, "Dockerfile",
							    "Dockerfiles"));
	const char *names[PURPOSE_N];
	size_t n = 0;

	/* Said when it is news: one image per Dockerfile is the default. */
	if (m->shipped_stages && m->shipped_stages != m->dockerfiles)
		s = arena_printf(a, "%s (%s)", s, count(a, m->shipped_stages, "shipped stage",
							 "shipped stages"));
	s = arena_printf(a, "%s, %s, %s", s, count(a, m->projects, "compose project",
						      "compose projects"),
			 count(a, m->scripts, "script", "scripts"));
	if (!m->held)
		return s;
	for (int p = 1; p < PURPOSE_N; p++)
		if (m->held_purposes & (1u << p))
			names[n++] = short_names[p];
	s = arena_printf(a, "%s; held back %s in %zu ", s, count(a, m->held, "finding", "findings"),
			 m->held_files);
	for (size_t k = 0; k < n; k++)
		s = arena_printf(a, "%s%s%s", s, k ? (k + 1 == n ? " and " : ", ") : "", names[k]);
	return arena_printf(a, "%s file%s (--scope all shows them)", s,
			    m->held_files == 1 ? "" : "s");
}
