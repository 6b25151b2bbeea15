/* A sensitive host folder bind-mounted: SW0257 (compose), SW0285 (live).
 * The runtime's socket and the folder that holds it are the Docker socket
 * check's (docker_socket.c). */
#include "checks/runtime/runtime.h"

#include <string.h>

#include "lexicon/lexicon.h"
#include "util/path.h"
#include "util/str.h"

static void check_mount(struct rule_ctx *c, const struct spec *s, const struct sp_mount *m)
{
	const char *src;

	if (!m->source || !m->type || strcmp(m->type, "bind") || m->source[0] != '/')
		return;
	src = path_resolve(c->a, "/", m->source);
	if (!lex_has(&lex_sensitive_host_paths, src))
		return;
	sp_report(c, s, &m->at, "%s the host's %s (on %s)%s", s->kind == SPEC_CONTAINER ?
		  "has" : "mounts", src, m->target ? m->target : "?",
		  m->read_only ? ": read-only, it still reads the host's secrets"
			       : " writable: whoever controls it can change the host");
}

static void check(struct rule_ctx *c)
{
	for (size_t i = 0; i < c->nspecs; i++)
		for (size_t k = 0; k < c->specs[i]->nmounts; k++)
			check_mount(c, c->specs[i], &c->specs[i]->mounts[k]);
}

const struct check check_rt_host_paths = {
	.on = { [SPEC_SERVICE] = &SW0257, [SPEC_CONTAINER] = &SW0285 },
	.spec = check,
};
