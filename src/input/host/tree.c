/* The host's files, or those of a tree mounted elsewhere (--root): paths,
 * reads, and findings about the host. Shared by host.c, users.c and
 * daemon.c, which call nothing of each other's but what host.c drives. */
#include <stdarg.h>
#include <stdio.h>

#include "input/host/host.h"
#include "util/readfile.h"

const char *host_path(const struct host *h, const char *abs)
{
	return *h->root ? arena_printf(h->a, "%s%s", h->root, abs) : abs;
}

char *host_read(const struct host *h, const char *path, size_t *len, const char **why)
{
	return read_file(h->a, path, len, why);
}

struct finding *host_report(struct host *h, const struct rule *rule, const char *fmt, ...)
{
	struct finding *f;
	char msg[2048];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	f = report_add(h->r, rule, NULL, 0, 0, 0, 0, "%s", msg);
	f->target = h->target;
	return f;
}
