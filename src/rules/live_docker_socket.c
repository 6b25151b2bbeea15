/* SW0284: a container has the Docker socket mounted. */
#include "rules/live_util.h"

#include <string.h>

#include "rules/names.h"
#include "rules/pathutil.h"
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
		if (is_runtime_socket(src, &docker) || is_runtime_socket(dst, &d2))
			lv_report(c, "has %s mounted (%s on %s): whoever controls the container "
				  "controls the host", docker || d2 ? "the Docker socket" :
				  "a container runtime's socket", m->source, m->destination);
		else if (str_eq(src, "/var/run") || str_eq(src, "/run"))
			lv_report(c, "has %s mounted on %s, the folder that holds the Docker socket: "
				  "whoever controls the container controls the host", m->source,
				  m->destination);
	}
}

const struct rule rule_live_docker_socket = {
	.id = "SW0284",
	.title = "A container has the Docker socket mounted",
	.severity = SEV_ERROR,
	.checklist = 2,
	.layer = "live",
	.why = "The Docker API is root on the host: a container that can reach the socket can "
	       "start a privileged container with / mounted, whatever its own user. A bind "
	       "mount of the socket (or of /var/run, or any file onto /var/run/docker.sock in "
	       "the container) hands that over to every process and every exploit in it.",
	.bad = "docker run -d -v /var/run/docker.sock:/var/run/docker.sock --name ci acme/ci:1\n",
	.good = "# a socket proxy that allows only what is needed, read-only\n"
		"docker run -d --name ci -e DOCKER_HOST=tcp://socket-proxy:2375 acme/ci:1\n",
	.fix = "Remove the socket mount; if the container must talk to Docker, put a filtering "
	       "socket proxy in front or use rootless Docker",
	.check_live = check,
};
