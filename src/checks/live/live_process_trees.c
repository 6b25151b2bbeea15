/* SW0782: several long-lived process trees run side by side in a container. */
#include "checks/live/live_util.h"

#include <stdlib.h>
#include <string.h>

#include "util/strbuf.h"
#include "util/str.h"

#define MAX_DEPTH 8
#define MAX_NAMED 4

static int cmp_str(const void *x, const void *y)
{
	return strcmp(*(const char *const *)x, *(const char *const *)y);
}

/* The children of pid; *only gets the single child, if there is one. */
static size_t children(const struct live_container *ct, long pid, const struct live_proc **only)
{
	size_t n = 0;

	*only = NULL;
	for (size_t k = 0; k < ct->nprocs; k++)
		if (ct->procs[k].ppid == pid && ct->procs[k].pid != pid) {
			*only = n ? NULL : &ct->procs[k];
			n++;
		}
	return n;
}

static void check(struct rule_ctx *c)
{
	const struct live_container *ct = c->container;
	const struct live_proc *cur = lv_main_proc(ct), *only;
	const char *prog = NULL, **names;
	struct strbuf list = STRBUF_INIT;
	size_t n = 0, nkids;

	if (!cur)
		return;
	for (size_t k = 0; k < ct->nprocs; k++)
		if (proc_is_manager(proc_program(c->a, ct->procs[k].cmd), true))
			return;	/* SW0781 says it */
	/* Look through wrappers: an init shim or a shell with one child. */
	for (int depth = 0; depth < MAX_DEPTH; depth++) {
		prog = proc_program(c->a, cur->cmd);
		nkids = children(ct, cur->pid, &only);
		if (!(nkids == 1 && (proc_is_init(prog) || proc_is_shell(prog))))
			break;
		cur = only;
	}
	names = arena_alloc(c->a, (ct->nprocs + 1) * sizeof(*names));
	for (size_t k = 0; k < ct->nprocs; k++) {
		const char *kid;

		if (ct->procs[k].ppid != cur->pid || ct->procs[k].pid == cur->pid)
			continue;
		kid = proc_program(c->a, ct->procs[k].cmd);
		/* A server's own workers (nginx, gunicorn, php-fpm) are one service. */
		if (!proc_is_shell(prog) && str_eq(kid, prog))
			continue;
		names[n++] = kid;
	}
	if (n < 2)
		return;
	qsort(names, n, sizeof(*names), cmp_str);
	for (size_t k = 0; k < n && k < MAX_NAMED; k++)
		strbuf_addf(&list, "%s%s", k ? ", " : "", names[k]);
	if (n > MAX_NAMED)
		strbuf_addf(&list, " and %zu more", n - MAX_NAMED);
	lv_report(c, "runs %zu process trees side by side under %s (%s): several services in "
		  "one container", n, prog, list.buf);
	strbuf_release(&list);
}

const struct check check_live_process_trees = {
	.rule = &SW0782,
	.live = check,
};
