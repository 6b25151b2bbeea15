#include "util/readfile.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "util/strbuf.h"

char *read_file(struct arena *a, const char *path, size_t max, size_t *len, const char **why)
{
	struct strbuf sb = STRBUF_INIT;
	struct stat st;
	char buf[65536];
	char *r = NULL;
	ssize_t n;
	int fd = strcmp(path, "-") ? open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK) : 0;

	if (fd < 0) {
		*why = strerror(errno);
		return NULL;
	}
	if (fstat(fd, &st) < 0) {
		*why = strerror(errno);
		goto out;
	}
	if (S_ISDIR(st.st_mode)) {
		*why = "is a directory";
		goto out;
	}
	if (fd != 0 && !S_ISREG(st.st_mode)) {
		*why = "not a regular file";
		goto out;
	}
	if (fd != 0)
		fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) & ~O_NONBLOCK);
	for (;;) {
		n = read(fd, buf, sizeof(buf));
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			*why = strerror(errno);
			goto out;
		}
		if (n == 0)
			break;
		if (sb.len + (size_t)n > max) {
			*why = "file too large";
			goto out;
		}
		strbuf_add(&sb, buf, (size_t)n);
	}
	r = arena_strndup(a, sb.buf, sb.len);
	*len = sb.len;
out:
	if (fd > 0)
		close(fd);
	strbuf_release(&sb);
	return r;
}
