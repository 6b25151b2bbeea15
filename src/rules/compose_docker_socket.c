/* SW0254: a compose service mounts the Docker socket. */
#include "rules/compose_util.h"

#include <string.h>

#include "rules/names.h"
#include "rules/pathutil.h"
#include "util/str.h"

/* What a bind source exposes: the socket itself or a folder holding it. */
static const char *exposes(struct arena *a, const struct c_volume *v)
{
	const char *src;
	bool docker;

	if (!v->source || !v->type)
		return NULL;
	if (str_eq(v->type, "npipe"))
		return strstr(v->source, "docker_engine") ?
		       arena_printf(a, "the Docker engine pipe (%s)", v->source) : NULL;
	if (strcmp(v->type, "bind") || v->source[0] != '/')
		return NULL;
	src = path_resolve(a, "/", v->source);
	if (is_runtime_socket(src, &docker))
		return arena_printf(a, "%s (%s)", docker ? "the Docker socket" :
				    "the container runtime's socket", v->source);
	if (str_eq(src, "/var/run") || str_eq(src, "/run"))
		return arena_printf(a, "%s, the folder that holds the Docker socket", v->source);
	return NULL;
}

static void check(struct rule_ctx *c)
{
	const struct c_project *p = c->project;

	for (size_t i = 0; i < p->nservices; i++) {
		const struct c_service *s = &p->services[i];

		for (size_t k = 0; k < s->nvolumes; k++) {
			const struct c_volume *v = &s->volumes[k];
			const char *what = exposes(c->a, v);

			if (!what)
				continue;
			cx_report_value(c, s, v, "service %s mounts %s: whoever controls the "
					"service can start a privileged container and is root on "
					"the host%s", s->name, what,
					v->read_only ? "; read-only does not help, a socket is "
						       "used by connecting to it" : "");
		}
	}
}

const struct rule rule_compose_docker_socket = {
	.id = "SW0254",
	.title = "A compose service mounts the Docker socket",
	.severity = SEV_ERROR,
	.checklist = 2,
	.layer = "compose",
	.why = "The Docker API is root on the host: anyone who can talk to the socket can run "
	       "a privileged container that mounts the host's filesystem. Mounting it (even "
	       "read-only, which does not stop connections) hands that power to every process "
	       "in the service and to anyone who compromises it.",
	.bad = "services:\n  ui:\n    image: acme/dashboard:3\n    volumes:\n"
	       "      - /var/run/docker.sock:/var/run/docker.sock\n",
	.good = "services:\n  ui:\n    image: acme/dashboard:3\n    environment:\n"
		"      DOCKER_HOST: tcp://socket-proxy:2375\n  socket-proxy:\n"
		"    image: tecnativa/docker-socket-proxy:0.2\n    environment:\n"
		"      CONTAINERS: 1   # read-only API subset\n    volumes:\n"
		"      - /var/run/docker.sock:/var/run/docker.sock:ro\n",
	.fix = "Remove the mount; if the service needs the API, give it a filtering socket proxy "
	       "that allows only the calls it needs, or rootless Docker",
	.check_compose = check,
};
