/* SW0054: a service's image has no tag or uses latest. */
#include "checks/compose/compose_util.h"
#include "input/compose/lower.h"
#include "lexicon/lexicon.h"
#include "spec/image_ref.h"

#include <ctype.h>
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

/* The project's own image: its repository builds it (a service's build:
 * or a build command's tag), or it or its owner is named like the folder
 * the repository is checked in. Its
 * moving tag is then the release channel its makers chose to ship. */
static bool own_image(struct arena *a, const struct c_project *p, const char *ref)
{
	const char *repo = image_ref_repo(a, ref);

	for (size_t k = 0; k < p->nservices; k++)
		if (p->services[k].build_context.s && p->services[k].image.s &&
		    !strcmp(image_ref_repo(a, p->services[k].image.s), repo))
			return true;
	/* ghcr.io/huginn/huginn-single-process checked in huginn/ */
	return image_ref_own(a, ref, p->own_images, p->nown_images, p->repo_names,
			     p->nrepo_names);
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
		if (!tag || (*tag && !lex_floating_ref(image_ref_repo(c->a, ref), tag)))
			continue;
		if (ref[strlen(ref) - 1] == ':')
			continue;	/* an empty tag from an unset variable: reported as such */
		/* app:${APP_VERSION:-latest}: the tag is a setting, and latest
		 * only its default until the deployment sets it. */
		if (*tag && tag_from_variable(c->a, p, &s->image.pos))
			continue;
		/* The project's own image pulls the channel its makers ship
		 * (huginn publishes only latest and commit tags): pinning it
		 * is the deployment's choice. An image of others is not. */
		if (own_image(c->a, p, ref))
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
