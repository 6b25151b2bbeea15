/* Container processes from this machine's /proc. /containers/{id}/top makes
 * dockerd run ps once per container, some 100 ms each; when the engine is
 * local and its containers' processes are visible here, one scan of /proc
 * answers for all of them. A container whose main process is not ours to
 * see (another PID namespace, a remote engine) still goes through /top. */
#include <ctype.h>
#include <dirent.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "input/engine/procs.h"

#define MAX_PROCS 65536
#define MAX_CONTAINER_PROCS 4096

struct proc {
	long pid, ppid;
	const char *cmd;	/* NULL until a container asks for it */
};

struct proc_table {
	struct proc *v;
	size_t n, cap;
};

/* Reads a small /proc file into buf (NUL-terminated); its length or -1. */
static ssize_t read_small(const char *path, char *buf, size_t size)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	ssize_t n, got = 0;

	if (fd < 0)
		return -1;
	while (got + 1 < (ssize_t)size && (n = read(fd, buf + got, size - 1 - (size_t)got)) > 0)
		got += n;
	close(fd);
	buf[got] = '\0';
	return got;
}

struct proc_table *proc_table_read(struct arena *a)
{
	struct proc_table *t = arena_alloc(a, sizeof(*t));
	DIR *d = opendir("/proc");
	struct dirent *e;

	if (!d)
		return NULL;
	while ((e = readdir(d)) && t->n < MAX_PROCS) {
		char path[64], buf[512];
		const char *rp;
		struct proc *p;

		if (!isdigit((unsigned char)e->d_name[0]) || strlen(e->d_name) > 20)
			continue;
		snprintf(path, sizeof(path), "/proc/%.20s/stat", e->d_name);
		/* "pid (comm) state ppid ...": comm may hold anything, so the
		 * fields after it start at the last ')'. */
		if (read_small(path, buf, sizeof(buf)) <= 0 || !(rp = strrchr(buf, ')')))
			continue;
		p = ARENA_PUSH(a, t->v, t->n, t->cap);
		p->pid = strtol(e->d_name, NULL, 10);
		if (sscanf(rp + 1, " %*c %ld", &p->ppid) != 1)
			t->n--;
	}
	closedir(d);
	return t;
}

/* The command line as ps prints it: arguments joined by spaces, or
 * "[comm]" when there are none (a zombie). */
static const char *cmdline(struct arena *a, long pid)
{
	char path[64], buf[4096];
	ssize_t n;

	snprintf(path, sizeof(path), "/proc/%ld/cmdline", pid);
	n = read_small(path, buf, sizeof(buf));
	if (n < 0)
		return NULL;
	while (n > 0 && buf[n - 1] == '\0')
		n--;
	if (n == 0) {
		char *rp, *lp;

		snprintf(path, sizeof(path), "/proc/%ld/stat", pid);
		if (read_small(path, buf, sizeof(buf)) <= 0 || !(lp = strchr(buf, '(')) ||
		    !(rp = strrchr(buf, ')')))
			return NULL;
		return arena_printf(a, "[%.*s]", (int)(rp - lp - 1), lp + 1);
	}
	for (ssize_t i = 0; i < n; i++)
		if (buf[i] == '\0')
			buf[i] = ' ';
	return arena_strndup(a, buf, (size_t)n);
}

/* Whether pid's cgroup names the container id: the same process, not a
 * namesake in another PID namespace. */
static bool in_container(long pid, const char *id)
{
	char path[64], buf[4096];

	snprintf(path, sizeof(path), "/proc/%ld/cgroup", pid);
	return strlen(id) >= 12 && read_small(path, buf, sizeof(buf)) > 0 && strstr(buf, id);
}

bool proc_table_fill(struct arena *a, struct proc_table *t, struct live_container *c)
{
	size_t cap = 0, from;
	bool grew = true;

	if (!t || c->pid <= 0 || !c->id || !in_container(c->pid, c->id))
		return false;
	c->procs = NULL;
	c->nprocs = 0;
	for (size_t i = 0; i < t->n; i++)
		if (t->v[i].pid == c->pid) {
			struct live_proc *p = ARENA_PUSH(a, c->procs, c->nprocs, cap);

			p->pid = t->v[i].pid;
			p->ppid = t->v[i].ppid;
		}
	if (!c->nprocs)
		return false;
	/* Descendants, level by level (the table is small). */
	for (from = 0; grew && c->nprocs < MAX_CONTAINER_PROCS;) {
		size_t end = c->nprocs;

		grew = false;
		for (size_t i = 0; i < t->n; i++)
			for (size_t k = from; k < end; k++)
				if (t->v[i].ppid == c->procs[k].pid && t->v[i].pid != c->procs[k].pid) {
					struct live_proc *p = ARENA_PUSH(a, c->procs, c->nprocs, cap);

					p->pid = t->v[i].pid;
					p->ppid = t->v[i].ppid;
					grew = true;
					break;
				}
		from = end;
	}
	for (size_t k = 0; k < c->nprocs; k++) {
		c->procs[k].user = "";
		c->procs[k].cmd = cmdline(a, c->procs[k].pid);
		if (!c->procs[k].cmd)
			c->procs[k].cmd = "";
	}
	/* ps lists by pid; so do we, for the same findings in the same order. */
	for (size_t i = 1; i < c->nprocs; i++)
		for (size_t k = i; k > 0 && c->procs[k - 1].pid > c->procs[k].pid; k--) {
			struct live_proc tmp = c->procs[k];

			c->procs[k] = c->procs[k - 1];
			c->procs[k - 1] = tmp;
		}
	c->has_top = true;
	return true;
}
