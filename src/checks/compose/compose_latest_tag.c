/* SW0054: a service's image has no tag or uses latest. */
#include "checks/compose/compose_util.h"
#include "lexicon/lexicon.h"
#include "spec/image_ref.h"

#include <string.h>
#include <strings.h>

/* The tag as written is a variable (image: app:${TAG:-latest}): the line
 * in the project's own copy of the file, not read again. */
static bool tag_from_variable(const struct c_project *p, const struct y_pos *pos)
{
	for (size_t k = 0; pos->file && pos->line && k < p->nfiles; k++) {
		const char *line, *end, *slash = NULL;

		if (strcmp(p->files[k], pos->file) || pos->line > p->nlines[k])
			continue;
		line = p->texts[k] + p->lines[k][pos->line - 1];
		end = memchr(line, '\n', p->lens[k] - (size_t)(line - p->texts[k]));
		if (!end)
			end = p->texts[k] + p->lens[k];
		for (const char *c = line; c < end; c++)
			if (*c == '/')
				slash = c;
		for (const char *c = slash ? slash : line; c + 1 < end; c++)
			if (c[0] == ':' && c[1] == '$')
				return true;
		return false;
	}
	return false;
}

static void check(struct rule_ctx *c)
{
	const struct c_project *p = c->project;

	for (size_t i = 0; i < p->nservices; i++) {
		const struct c_service *s = &p->services[i];
		const char *ref = s->image.s, *tag;
		struct finding *f;
		size_t rl;

		/* With build:, image: names what is built, not what is pulled. */
		if (!ref || !*ref || s->build_context.s || strchr(ref, '$'))
			continue;
		tag = image_ref_tag(c->a, ref);
		if (!tag || (*tag && !lex_floating_tag(tag)))
			continue;
		if (ref[strlen(ref) - 1] == ':')
			continue;	/* an empty tag from an unset variable: reported as such */
		/* app:${APP_VERSION:-latest}: the tag is a setting, and latest
		 * only its default until the deployment sets it. */
		if (*tag && tag_from_variable(p, &s->image.pos))
			continue;
		if (*tag && strcmp(tag, "latest"))
			f = cx_report_value(c, s, &s->image, "service %s uses image %s: the %s tag "
					    "moves like latest", s->name, ref, tag);
		else if (*tag)
			f = cx_report_value(c, s, &s->image, "service %s uses image %s: latest moves "
					    "with every release", s->name, ref);
		else
			f = cx_report_value(c, s, &s->image, "service %s uses image %s with no tag, "
					    "so it runs whatever latest is when it is pulled", s->name,
					    ref);
		rl = strlen(ref) - (*tag ? strlen(tag) + 1 : 0);
		f->fix = arena_printf(c->a, "Pin a version tag (image: %.*s:<version>), and "
				      "ideally a digest (@sha256:...)", (int)rl, ref);
	}
}

const struct check check_compose_latest_tag = {
	.rule = &SW0054,
	.compose = check,
};
