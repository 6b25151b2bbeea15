/* SW0781: a process supervisor or sshd runs in a container. */
#include "checks/live/live_util.h"

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

const struct check check_live_service_manager = {
	.rule = &SW0781,
	.live = check,
};
