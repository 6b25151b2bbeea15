#include "util/spawn.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#ifdef __linux__
#include <sys/mman.h>
#endif

#include "util/strbuf.h"
#include "util/sys.h"

extern char **environ;

/* What is kept of its standard error: enough for a note. */
#define ERR_KEEP 4096

int spawn_find(const char *name, char *buf, size_t size)
{
	const char *path = getenv("PATH");

	if (strchr(name, '/')) {
		if (strlen(name) >= size || access(name, X_OK) != 0)
			return -1;
		strcpy(buf, name);
		return 0;
	}
	if (!path)
		path = "/usr/bin:/bin";
	for (const char *p = path;;) {
		size_t n = strcspn(p, ":");
		struct stat st;
		int w;

		/* An empty entry is the working directory, which a checked
		 * repository may hold a "shellcheck" in: not looked at. */
		if (n && (w = snprintf(buf, size, "%.*s/%s", (int)n, p, name)) > 0 &&
		    (size_t)w < size && stat(buf, &st) == 0 && S_ISREG(st.st_mode) &&
		    access(buf, X_OK) == 0)
			return 0;
		if (!p[n])
			return -1;
		p += n + 1;
	}
}

int spawn_memfd(const char *name, const char *data, size_t len)
{
#ifdef __linux__
	int fd = memfd_create(name, MFD_CLOEXEC);

	if (fd < 0)
		return -1;
	for (size_t off = 0; off < len;) {
		ssize_t w = write(fd, data + off, len - off);

		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0) {
			int e = w < 0 ? errno : EIO;

			close(fd);
			errno = e;
			return -1;
		}
		off += (size_t)w;
	}
	if (lseek(fd, 0, SEEK_SET) != 0) {
		int e = errno;

		close(fd);
		errno = e;
		return -1;
	}
	return fd;
#else
	(void)name;
	(void)data;
	(void)len;
	errno = ENOSYS;
	return -1;
#endif
}

static long long now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* Reads what fd has into sb (at most max bytes kept, *over set past them);
 * false at its end. */
static bool drain(int fd, struct strbuf *sb, size_t max, bool *over)
{
	char buf[65536];
	ssize_t n = read(fd, buf, sizeof(buf));

	if (n < 0)
		return errno == EINTR || errno == EAGAIN;
	if (n == 0)
		return false;
	if (sb->len + (size_t)n > max) {
		*over = true;
		n = (ssize_t)(max - sb->len);
	}
	strbuf_add(sb, buf, (size_t)n);
	return true;
}

int spawn_run(const char *path, char *const argv[], const int *keep, size_t nkeep,
	      unsigned timeout_ms, size_t max_out, struct spawn_result *res)
{
	posix_spawn_file_actions_t fa;
	posix_spawnattr_t attr;
	struct strbuf out = STRBUF_INIT, err = STRBUF_INIT;
	int po[2] = { -1, -1 }, pe[2] = { -1, -1 }, rc = -1, e = 0;
	sigset_t none, def;
	bool err_over = false;
	long long deadline;
	pid_t pid;

	memset(res, 0, sizeof(*res));
	if (pipe_cloexec(po) != 0 || pipe_cloexec(pe) != 0) {
		e = errno;
		goto out;
	}
	posix_spawn_file_actions_init(&fa);
	posix_spawnattr_init(&attr);
	posix_spawn_file_actions_addopen(&fa, 0, "/dev/null", O_RDONLY, 0);
	posix_spawn_file_actions_adddup2(&fa, po[1], 1);
	posix_spawn_file_actions_adddup2(&fa, pe[1], 2);
	/* dup2 of a descriptor onto itself clears its close-on-exec flag
	 * in the child only (POSIX.1-2024, glibc 2.29 on). */
	for (size_t i = 0; i < nkeep; i++)
		posix_spawn_file_actions_adddup2(&fa, keep[i], keep[i]);
	sigemptyset(&none);
	sigemptyset(&def);
	sigaddset(&def, SIGPIPE);
	posix_spawnattr_setsigmask(&attr, &none);
	posix_spawnattr_setsigdefault(&attr, &def);
	posix_spawnattr_setflags(&attr, POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF);
	e = posix_spawn(&pid, path, &fa, &attr, argv, environ);
	posix_spawn_file_actions_destroy(&fa);
	posix_spawnattr_destroy(&attr);
	if (e)
		goto out;
	close(po[1]);
	close(pe[1]);
	po[1] = pe[1] = -1;
	deadline = now_ms() + timeout_ms;
	for (bool open_o = true, open_e = true; open_o || open_e;) {
		struct pollfd fds[2] = { { open_o ? po[0] : -1, POLLIN, 0 },
					 { open_e ? pe[0] : -1, POLLIN, 0 } };
		long long left = deadline - now_ms();
		int n;

		if (left <= 0) {
			res->timed_out = true;
			break;
		}
		n = poll(fds, 2, left > 60000 ? 60000 : (int)left);
		if (n < 0 && errno != EINTR)
			break;
		if (n <= 0)
			continue;
		if (open_o && fds[0].revents)
			open_o = drain(po[0], &out, max_out, &res->too_large);
		if (open_e && fds[1].revents)
			open_e = drain(pe[0], &err, ERR_KEEP, &err_over);
		if (res->too_large)
			break;
	}
	if (res->timed_out || res->too_large)
		kill(pid, SIGKILL);
	while (waitpid(pid, &res->status, 0) < 0 && errno == EINTR)
		;
	res->outlen = out.len;
	res->out = strbuf_detach(&out, NULL);
	res->errlen = err.len;
	res->err = strbuf_detach(&err, NULL);
	rc = 0;
out:
	for (int i = 0; i < 2; i++) {
		if (po[i] >= 0)
			close(po[i]);
		if (pe[i] >= 0)
			close(pe[i]);
	}
	strbuf_release(&out);
	strbuf_release(&err);
	if (rc < 0)
		errno = e;
	return rc;
}

void spawn_result_release(struct spawn_result *res)
{
	free(res->out);
	free(res->err);
	memset(res, 0, sizeof(*res));
}
