/* SW0254: a compose service mounts the Docker socket. */
#include "checks/compose/compose_util.h"

#include <string.h>

#include "lexicon/lexicon.h"
#include "util/path.h"
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
	if (lex_runtime_socket(src, &docker))
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

const struct check check_compose_docker_socket = {
	.rule = &SW0254,
	.compose = check,
};
