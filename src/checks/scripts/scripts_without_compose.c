/* SW0601: scripts wire up containers by hand and the project has no compose file. */
#include "checks/check.h"

#include "input/scripts/scripts.h"

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

const struct check check_scripts_without_compose = {
	.rule = &SW0601,
	.scripts = check,
};
