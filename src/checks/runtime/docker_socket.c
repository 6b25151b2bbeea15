/* The container runtime's socket mounted: SW0254 (compose), SW0284 (live).
 * A socket bound where the Docker client looks for it counts too, whatever
 * its source: it is meant to be used. */
#include "checks/runtime/runtime.h"

#include <string.h>

#include "lexicon/lexicon.h"
#include "util/path.h"
#include "util/str.h"

static void check_mount(struct rule_ctx *c, const struct spec *s, const struct sp_mount *m)
{
	struct arena *a = c->a;
	const char *src, *dst, *what;
	bool docker = false, d2 = false, by_src, by_dst, folder;

	if (!m->source || !m->type)
		return;
	if (str_eq(m->type, "npipe")) {
		if (s->kind == SPEC_SERVICE && strstr(m->source, "docker_engine"))
			sp_report(c, s, &m->at, "mounts the Docker engine pipe (%s): whoever "
				  "controls the service can start a privileged container and is "
				  "root on the host%s", m->source, m->read_only ? "; read-only does "
				  "not help, a socket is used by connecting to it" : "");
		return;
	}
	if (strcmp(m->type, "bind") || m->source[0] != '/')
		return;
	src = path_resolve(a, "/", m->source);
	dst = m->target && m->target[0] == '/' ? path_resolve(a, "/", m->target) : "";
	by_src = lex_runtime_socket(src, &docker);
	by_dst = !by_src && lex_runtime_socket(dst, &d2);
	folder = !by_src && !by_dst && (str_eq(src, "/var/run") || str_eq(src, "/run"));
	if (!by_src && !by_dst && !folder)
		return;
	if (s->kind == SPEC_CONTAINER) {
		if (folder)
			sp_report(c, s, &m->at, "has %s mounted on %s, the folder that holds the "
				  "Docker socket: whoever controls the container controls the host",
				  m->source, m->target);
		else
			sp_report(c, s, &m->at, "has %s mounted (%s on %s): whoever controls the "
				  "container controls the host", docker || d2 ? "the Docker socket" :
				  "a container runtime's socket", m->source, m->target);
		return;
	}
	if (folder)
		what = arena_printf(a, "%s, the folder that holds the Docker socket", m->source);
	else if (by_src)
		what = arena_printf(a, "%s (%s)", docker ? "the Docker socket" :
				    "the container runtime's socket", m->source);
	else
		what = arena_printf(a, "%s (%s on %s)", d2 ? "the Docker socket" :
				    "the container runtime's socket", m->source, m->target);
	sp_report(c, s, &m->at, "mounts %s: whoever controls the service can start a privileged "
		  "container and is root on the host%s", what,
		  m->read_only ? " (read-only or not)" :
		  "");
}

static void check(struct rule_ctx *c)
{
	for (size_t i = 0; i < c->nspecs; i++)
		for (size_t k = 0; k < c->specs[i]->nmounts; k++)
			check_mount(c, c->specs[i], &c->specs[i]->mounts[k]);
}

const struct check check_rt_docker_socket = {
	.on = { [SPEC_SERVICE] = &SW0254, [SPEC_CONTAINER] = &SW0284 },
	.spec = check,
};
