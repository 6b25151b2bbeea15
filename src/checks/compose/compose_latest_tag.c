/* SW0054: a service's image has no tag or uses latest. */
#include "checks/compose/compose_util.h"
#include "input/compose/lower.h"
#include "lexicon/lexicon.h"
#include "spec/image_ref.h"

#include <string.h>
#include <strings.h>

/* The tag as written is a variable (image: app:${TAG:-latest}). */
static bool tag_from_variable(struct arena *a, const struct c_project *p, const struct y_pos *pos)
{
	const char *src = compose_source_text(a, p, pos), *slash;

	if (!src)
		return false;
	slash = strrchr(src, '/');
	return strstr(slash ? slash : src, ":$") != NULL;
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
		if (*tag && tag_from_variable(c->a, p, &s->image.pos))
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
