/* SW0054: a service's image has no tag or uses latest. */
#include "rules/compose_util.h"

#include <string.h>
#include <strings.h>

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
		tag = m_image_tag(c->a, ref);
		if (!tag || (*tag && strcmp(tag, "latest")))
			continue;
		if (ref[strlen(ref) - 1] == ':')
			continue;	/* an empty tag from an unset variable: reported as such */
		if (*tag)
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

const struct rule rule_compose_latest_tag = {
	.id = "SW0054",
	.title = "A compose service's image has no tag or uses latest",
	.severity = SEV_WARNING,
	.checklist = 0,
	.layer = "compose",
	.why = "An untagged or :latest image is whatever the registry serves on the day of the "
	       "pull: two hosts running the same compose file can run different versions, a "
	       "restart after a pull upgrades silently, and a rollback has nothing to roll "
	       "back to. A version tag (and a digest) makes deployments repeatable.",
	.bad = "services:\n  cache:\n    image: redis\n",
	.good = "services:\n  cache:\n    image: redis:7.2-alpine\n",
	.fix = "Pin a version tag (redis:7.2-alpine), and ideally a digest (@sha256:...)",
	.check_compose = check,
};
