/* The host's files, or those of a tree mounted elsewhere (--root): paths,
 * reads, and findings about the host. Shared by host.c, users.c and
 * daemon.c, which call nothing of each other's but what host.c drives. */
#include <errno.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "input/host/host.h"
#include "util/readfile.h"
#include "util/strbuf.h"

const char *host_path(const struct host *h, const char *abs)
{
	return *h->root ? arena_printf(h->a, "%s%s", h->root, abs) : abs;
}

/* Symbolic links followed on one path, as the kernel allows. */
#define MAX_LINKS 40

const char *host_disk_path(const struct host *h, const char *path)
{
	struct strbuf cur = STRBUF_INIT, rest = STRBUF_INIT;
	size_t rl = strlen(h->root), i = 0;
	unsigned links = 0;
	const char *out = NULL;
	int err = 0;

	if (!*h->root)
		return path;
	/* In the tree: root + an absolute path, or a path relative to it. */
	if (!strncmp(path, h->root, rl) && (path[rl] == '/' || !path[rl]))
		path += rl;
	strbuf_addstr(&rest, path);
	while (i < rest.len && !err) {
		const char *comp;
		size_t j, n, keep;
		struct stat st;

		while (i < rest.len && rest.buf[i] == '/')
			i++;
		for (j = i; j < rest.len && rest.buf[j] != '/'; j++)
			;
		comp = rest.buf + i;
		n = j - i;
		if (!n || (n == 1 && comp[0] == '.')) {
			i = j;
			continue;
		}
		if (n == 2 && comp[0] == '.' && comp[1] == '.') {
			if (!cur.len)
				err = EXDEV;	/* above the tree's root */
			else
				strbuf_setlen(&cur, (size_t)(strrchr(cur.buf, '/') - cur.buf));
			i = j;
			continue;
		}
		keep = cur.len;
		strbuf_addch(&cur, '/');
		strbuf_add(&cur, comp, n);
		{
			char *disk = arena_printf(h->a, "%s%s", h->root, cur.buf);
			char target[PATH_MAX];
			ssize_t tn;
			struct strbuf next = STRBUF_INIT;

			if (lstat(disk, &st) != 0 || !S_ISLNK(st.st_mode)) {
				i = j;
				continue;
			}
			tn = readlink(disk, target, sizeof(target) - 1);
			if (tn < 0 || ++links > MAX_LINKS) {
				err = tn < 0 ? errno : ELOOP;
				break;
			}
			/* An absolute target starts again at the tree's root, as
			 * it would on the audited system. */
			strbuf_setlen(&cur, target[0] == '/' ? 0 : keep);
			strbuf_add(&next, target, (size_t)tn);
			strbuf_addch(&next, '/');
			strbuf_add(&next, rest.buf + j, rest.len - j);
			strbuf_release(&rest);
			rest = next;
			i = 0;
			if (rest.len > PATH_MAX)
				err = ENAMETOOLONG;
		}
	}
	if (!err)
		out = arena_printf(h->a, "%s%s", h->root, cur.len ? cur.buf : "/");
	strbuf_release(&cur);
	strbuf_release(&rest);
	errno = err;
	return out;
}

char *host_read(const struct host *h, const char *path, size_t *len, const char **why)
{
	const char *disk = host_disk_path(h, path);

	if (!disk) {
		*why = errno == EXDEV ? "leads out of the audited tree (--root)" : strerror(errno);
		return NULL;
	}
	return read_file(h->a, disk, len, why);
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
