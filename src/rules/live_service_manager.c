/* SW0781: a process supervisor or sshd runs in a container. */
#include "rules/live_util.h"

#include <stdlib.h>
#include <string.h>
#include "util/str.h"

struct hit {
	const char *prog, *cmd;
};

static int cmp_hit(const void *x, const void *y)
{
	const struct hit *p = x, *q = y;
	int d = strcmp(p->prog, q->prog);

	return d ? d : strcmp(p->cmd, q->cmd);
}

static void check(struct rule_ctx *c)
{
	const struct live_container *ct = c->container;
	struct hit *hits;
	size_t n = 0;

	if (!ct->nprocs)
		return;
	hits = arena_alloc(c->a, ct->nprocs * sizeof(*hits));
	for (size_t k = 0; k < ct->nprocs; k++) {
		const char *prog = lv_program(c->a, ct->procs[k].cmd);

		if (lv_is_manager(prog)) {
			hits[n].prog = prog;
			hits[n++].cmd = ct->procs[k].cmd;
		}
	}
	/* Sorted, one finding per program: PIDs and ps order vary. */
	qsort(hits, n, sizeof(*hits), cmp_hit);
	for (size_t k = 0; k < n; k++) {
		if (k && str_eq(hits[k].prog, hits[k - 1].prog))
			continue;
		if (str_eq(hits[k].prog, "sshd") || str_eq(hits[k].prog, "dropbear"))
			lv_report(c, "runs an SSH daemon (%s): a login service with its own keys, "
				  "where docker exec would do", hits[k].cmd);
		else
			lv_report(c, "runs %s (%s), a process supervisor: several services share "
				  "the container", hits[k].prog, hits[k].cmd);
	}
}

const struct rule rule_live_service_manager = {
	.id = "SW0781",
	.title = "A process supervisor or sshd runs in a container",
	.severity = SEV_WARNING,
	.checklist = 7,
	.layer = "live",
	.why = "The container's process list (docker top) shows a supervisor or init system "
	       "(supervisord, s6-svscan, runsvdir, systemd, init...) or an SSH daemon, also when "
	       "a script or an interpreter runs it. A supervisor hides crashed services from "
	       "Docker's restart policy, logs and health checks, and its services cannot be "
	       "scaled or updated apart; sshd adds a login service and keys that docker exec "
	       "makes unnecessary.",
	.bad = "$ docker top app\nUID   PID   PPID  CMD\nroot  4211  4190  /usr/bin/python3 "
	       "/usr/bin/supervisord -n\nroot  4250  4211  nginx: master process\n"
	       "root  4251  4211  php-fpm: master process\n",
	.good = "$ docker top web\nUID    PID   PPID  CMD\n101    4311  4290  nginx: master process\n"
		"$ docker top php\nUID    PID   PPID  CMD\n82     4412  4390  php-fpm: master "
		"process\n",
	.fix = "Run one service per container in the foreground (compose for the others) and use "
	       "docker exec instead of sshd",
	.check_live = check,
};
