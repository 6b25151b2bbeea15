/* SW0601: scripts wire up containers by hand and the project has no compose file. */
#include "rules/rule.h"

#include "rules/scripts.h"

/* A docker run is wiring when it leaves something running or connected;
 * a foreground `docker run --rm image tool` is just running a tool. */
static bool wires(const struct docker_cmd *d)
{
	if (d->verb[0] != 'r')
		return true;	/* create, start, network create, volume create */
	return d->detach || d->name || d->publish || d->network || d->restart || d->link;
}

static void check(struct rule_ctx *c)
{
	const struct script_set *ss = c->scripts;

	if (!ss || ss->has_compose)
		return;
	for (size_t i = 0; i < ss->n; i++) {
		struct docker_cmd *v;
		size_t n = script_docker_cmds(c->a, &ss->scripts[i], &v);

		for (size_t k = 0; k < n; k++) {
			if (!wires(&v[k]))
				continue;
			rule_report_pos(c, &v[k].pos, "docker %s%s%s sets up containers by hand; "
					    "the project has no compose file to describe them",
					    v[k].verb, v[k].image || v[k].name ? " " : "",
					    v[k].image ? v[k].image : v[k].name ? v[k].name : "");
		}
	}
}

const struct rule rule_scripts_without_compose = {
	.id = "SW0601",
	.title = "Scripts wire up containers and there is no compose file",
	.severity = SEV_WARNING,
	.checklist = 6,
	.layer = "compose",
	.why = "docker run lines in shell scripts, Makefiles and CI files are a deployment "
	       "description nobody can read as a whole: ports, volumes, networks, restart "
	       "policies and start order are scattered over flags, and every change is a new "
	       "script. A compose file states them in one reviewed place that docker compose "
	       "up applies (and seaworthy checks). A foreground docker run --rm of a tool is "
	       "not reported; detached, named, published or networked containers, and "
	       "docker create/start, network create and volume create are.",
	.bad = "#!/bin/sh\ndocker network create app\n"
	       "docker run -d --name db --network app postgres:16\n"
	       "docker run -d --name api --network app -p 8080:8080 acme/api:1.8\n",
	.good = "# compose.yaml\nservices:\n  db:\n    image: postgres:16\n  api:\n"
		"    image: acme/api:1.8\n    ports: [\"127.0.0.1:8080:8080\"]\n"
		"    depends_on: [db]\n",
	.fix = "Describe the containers, networks and volumes in a compose.yaml and start "
	       "them with docker compose up -d",
	.check_scripts = check,
};
