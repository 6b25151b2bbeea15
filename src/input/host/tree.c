/* The host's files, or those of a tree mounted elsewhere (--root): paths,
 * reads, and findings about the host. Shared by host.c, users.c and
 * daemon.c, which call nothing of each other's but what host.c drives. */
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <sys/stat.h>
#include <unistd.h>

#include "input/host/host.h"

#define MAX_FILE (4u << 20)

const char *host_path(const struct host *h, const char *abs)
{
	return *h->root ? arena_printf(h->a, "%s%s", h->root, abs) : abs;
}

char *host_read(const struct host *h, const char *path, size_t *len)
{
	struct stat st;
	char *buf;
	size_t n = 0, cap;
	int fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK), e;

	if (fd < 0)
		return NULL;
	if (fstat(fd, &st) < 0) {
		e = errno;
		goto fail;
	}
	if (!S_ISREG(st.st_mode) || (uintmax_t)st.st_size > MAX_FILE) {
		e = S_ISREG(st.st_mode) ? EFBIG : EINVAL;
		goto fail;
	}
	/* Files under /proc say they are empty: read to the end. */
	cap = (size_t)st.st_size + 1 > 4096 ? (size_t)st.st_size + 1 : 4096;
	buf = arena_alloc(h->a, cap);
	for (;;) {
		ssize_t k;

		if (n + 1 == cap) {
			if (cap > MAX_FILE) {
				e = EFBIG;
				goto fail;
			}
			buf = arena_grow(h->a, buf, cap, cap * 2);
			cap *= 2;
		}
		k = read(fd, buf + n, cap - n - 1);
		if (k < 0 && errno == EINTR)
			continue;
		if (k < 0) {
			e = errno;
			goto fail;
		}
		if (!k)
			break;
		n += (size_t)k;
	}
	close(fd);
	buf[n] = '\0';
	*len = n;
	return buf;
fail:
	close(fd);
	errno = e;
	return NULL;
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
