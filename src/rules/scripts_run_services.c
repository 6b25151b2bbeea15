/* SW0602: scripts docker run a service the compose file already describes. */
#include "rules/rule.h"

#include <string.h>
#include <strings.h>

#include "compose/project.h"
#include "rules/scripts.h"
#include "util/str.h"

/* The service of a project that the command runs, by container name or
 * by image; NULL when none. */
static const struct c_service *service_of(struct arena *a, const struct c_project *p,
					  const struct docker_cmd *d)
{
	const char *repo = d->image && !strchr(d->image, '$') ? m_image_repo(a, d->image) : NULL;

	for (size_t i = 0; i < p->nservices; i++) {
		const struct c_service *s = &p->services[i];

		if (d->name && (str_eq(d->name, s->name) ||
				(s->container_name.s && str_eq(d->name, s->container_name.s))))
			return s;
		if (!repo)
			continue;
		if (s->image.s && *s->image.s && str_eq(repo, m_image_repo(a, s->image.s)))
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

const struct rule rule_scripts_run_services = {
	.id = "SW0602",
	.title = "Scripts docker run a service the compose file describes",
	.severity = SEV_INFO,
	.checklist = 6,
	.layer = "compose",
	.why = "When a script starts one of the compose project's services with docker run, "
	       "the two descriptions drift: the script's flags (ports, volumes, restart, "
	       "user) are not the ones reviewed in the compose file, and compose does not "
	       "know the container. Matched by container name or image.",
	.bad = "# deploy.sh, next to a compose.yaml that defines api\n"
	       "docker run -d --name api -p 8080:8080 acme/api:1.8\n",
	.good = "# deploy.sh\ndocker compose up -d api\n",
	.fix = "Start the service with docker compose up -d SERVICE (or docker compose run "
	       "for a one-off command)",
	.check_scripts = check,
};
