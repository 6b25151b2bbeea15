/* SW0602: scripts docker run a service the compose file already describes. */
#include "checks/check.h"

#include <string.h>
#include <strings.h>

#include "input/compose/project.h"
#include "input/scripts/scripts.h"
#include "util/str.h"
#include "spec/image_ref.h"

/* The service of a project that the command runs, by container name or
 * by image; NULL when none. */
static const struct c_service *service_of(struct arena *a, const struct c_project *p,
					  const struct docker_cmd *d)
{
	const char *repo = d->image && !strchr(d->image, '$') ? image_ref_repo(a, d->image) : NULL;

	for (size_t i = 0; i < p->nservices; i++) {
		const struct c_service *s = &p->services[i];

		if (d->name && (str_eq(d->name, s->name) ||
				(s->container_name.s && str_eq(d->name, s->container_name.s))))
			return s;
		if (!repo)
			continue;
		if (s->image.s && *s->image.s && str_eq(repo, image_ref_repo(a, s->image.s)))
			return s;
		/* A service with build: and no image: is tagged PROJECT-SERVICE. */
		if (s->build_context.s && !s->image.s && p->name) {
			const char *own = arena_printf(a, "%s-%s", p->name, s->name);

			if (!strcasecmp(repo, own))
				return s;
		}
	}
	return NULL;
}

static void check(struct rule_ctx *c)
{
	const struct script_set *ss = c->scripts;

	if (!ss || !ss->nprojects)
		return;
	for (size_t i = 0; i < ss->n; i++) {
		struct docker_cmd *v;
		size_t n = script_docker_cmds(c->a, &ss->scripts[i], &v);

		for (size_t k = 0; k < n; k++) {
			const struct c_service *s = NULL;
			const struct c_project *p = NULL;

			if (strcmp(v[k].verb, "run") && strcmp(v[k].verb, "create") &&
			    strcmp(v[k].verb, "start"))
				continue;
			for (size_t j = 0; j < ss->nprojects && !s; j++)
				if ((p = ss->projects[j]))
					s = service_of(c->a, p, &v[k]);
			if (!s)
				continue;
			rule_report_pos(c, &v[k].pos, "docker %s %s starts service %s of the compose "
					"project%s%s by hand, outside the compose file",
					v[k].verb, v[k].image ? v[k].image : v[k].name, s->name,
					p->name ? " " : "", p->name ? p->name : "");
		}
	}
}

const struct check check_scripts_run_services = {
	.rule = &SW0602,
	.scripts = check,
};
