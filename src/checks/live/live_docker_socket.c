/* SW0284: a container has the Docker socket mounted. */
#include "checks/live/live_util.h"

#include <string.h>

#include "lexicon/lexicon.h"
#include "util/path.h"
#include "util/str.h"

static void check(struct rule_ctx *c)
{
	const struct live_container *ct = c->container;

	for (size_t k = 0; k < ct->nmounts; k++) {
		const struct live_mount *m = &ct->mounts[k];
		const char *src, *dst;
		bool docker = false, d2 = false;

		if (strcmp(m->type, "bind") || m->source[0] != '/')
			continue;
		src = path_resolve(c->a, "/", m->source);
		dst = m->destination[0] == '/' ? path_resolve(c->a, "/", m->destination) : "";
		/* The destination counts too: a socket bound where the
		 * Docker client looks for it is meant to be used. */
		if (lex_runtime_socket(src, &docker) || lex_runtime_socket(dst, &d2))
			lv_report(c, "has %s mounted (%s on %s): whoever controls the container "
				  "controls the host", docker || d2 ? "the Docker socket" :
				  "a container runtime's socket", m->source, m->destination);
		else if (str_eq(src, "/var/run") || str_eq(src, "/run"))
			lv_report(c, "has %s mounted on %s, the folder that holds the Docker socket: "
				  "whoever controls the container controls the host", m->source,
				  m->destination);
	}
}

const struct check check_live_docker_socket = {
	.rule = &SW0284,
	.live = check,
};
