/* The host layer (checklist point 1 and the Docker daemon's settings):
 * reads the host, or a filesystem tree mounted elsewhere, and never
 * changes anything. */
#ifndef SW_HOST_H
#define SW_HOST_H

#include <stdbool.h>
#include <stddef.h>
#include <sys/types.h>

#include "findings/findings.h"

struct host_opts {
	const char *root;	/* NULL for /, else the tree to audit */
	const char *user;	/* NULL: the invoking user (SUDO_USER under sudo) */
};

/* Audits into r (findings and input errors); sets LAYER_HOST once the user
 * was read, LAYER_DAEMON once a daemon's settings were. */
void host_audit(struct report *r, const struct host_opts *o);

/* Shared by the files of src/host/. */
struct host_user {
	const char *name, *home;
	uid_t uid;
	gid_t gid;
	const char **groups;	/* names; the primary group first */
	gid_t *gids;
	size_t ngroups, capgroups;
	bool in_docker;		/* member of the docker group */
	bool has_docker_group;
	gid_t docker_gid;
};

struct host {
	struct arena *a;
	struct report *r;
	const char *root;	/* "" for / */
	struct finding_target *target;
	struct host_user u;
	bool rootless;		/* the user runs rootless Docker */
	const char *rootless_sock;
};

/* root + abs ("/etc/passwd"), for display; host_disk_path opens it. */
const char *host_path(const struct host *h, const char *abs);
/* Where path (root + an absolute path, or a path relative to the root) is
 * in the audited tree, symbolic links followed as the audited system would
 * (an absolute target starts again at the root): never outside it. NULL,
 * with errno EXDEV, when ".." climbs above the root (ELOOP, ENAMETOOLONG
 * for the usual reasons); path itself when auditing /. In the arena. */
const char *host_disk_path(const struct host *h, const char *path);
/* Reads a file (util/readfile.h) through host_disk_path; NULL with errno
 * and *why set when it cannot. */
char *host_read(const struct host *h, const char *path, size_t *len, const char **why);
/* A finding with no file, about the host and the user. */
struct finding *host_report(struct host *h, const struct rule *rule, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/* users.c: fills h->u from etc/passwd and etc/group; -1 after an input error. */
int host_load_user(struct host *h, const char *name);
/* sudo.c-like parts in host.c; daemon.c: the daemon's settings. */
void host_check_daemon(struct host *h);

#endif
